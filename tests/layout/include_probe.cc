// Compiled as part of a folder's target with ONTIME_PROBE_HEADER naming a
// header of a folder that target must not use: the compile must fail with
// "No such file or directory" (see the layout.* tests in tests/CMakeLists.txt).
#include ONTIME_PROBE_HEADER
