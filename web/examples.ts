// The profiles the page opens with: small, and each shows something (lint findings, a difference to find).
export const EXAMPLE_A = `(version 1)
(deny default)
;; Hover a name to see what it is; Ctrl-Space completes operations, filters and modifiers.
(allow process-exec (literal "/bin/ls"))
(allow file-read* (subpath "/usr/lib") (subpath "/System"))
(allow file-read-data (literal "/etc/hosts"))
(allow file-write* (subpath "/tmp/scratch"))
(allow mach-lookup (global-name "com.apple.logd"))
(allow network-outbound (remote tcp "*:443"))
`;

export const EXAMPLE_B = `(version 1)
(deny default)
(allow process-exec (literal "/bin/ls"))
(allow file-read* (subpath "/usr") (subpath "/System"))
(allow file-write* (subpath "/private/tmp/scratch"))
(allow mach-lookup (global-name "com.apple.logd"))
`;
