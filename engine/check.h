// ONTIME_DCHECK(condition): an invariant the engine relies on, checked in
// every build but Release (where ONTIME_ENABLE_DCHECKS is defined; see
// engine/CMakeLists.txt). A failed check prints file:line and the condition
// and aborts. In other builds the condition is compiled (so it keeps
// type-checking and its variables count as used) but never evaluated.
// Checks must be cheap: O(1) per operation.
#ifndef ONTIME_ENGINE_CHECK_H_
#define ONTIME_ENGINE_CHECK_H_

#ifdef ONTIME_ENABLE_DCHECKS
#include <cstdio>
#include <cstdlib>

namespace ontime::check_internal {

[[noreturn]] inline void DcheckFailed(const char* file, int line, const char* condition) {
  std::fprintf(stderr, "%s:%d: ONTIME_DCHECK failed: %s\n", file, line, condition);
  std::fflush(stderr);
  std::abort();
}

}  // namespace ontime::check_internal

#define ONTIME_DCHECK(condition)                                                     \
  do {                                                                               \
    if (!(condition)) ::ontime::check_internal::DcheckFailed(__FILE__, __LINE__, #condition); \
  } while (false)
#else
#define ONTIME_DCHECK(condition)            \
  do {                                      \
    if (false) static_cast<void>(condition); \
  } while (false)
#endif

#endif  // ONTIME_ENGINE_CHECK_H_
