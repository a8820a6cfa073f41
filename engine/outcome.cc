#include "engine/outcome.h"

#include <array>

namespace ontime {

std::string_view VerdictName(Verdict verdict) {
  constexpr std::array<std::string_view, 3> kNames = {"met", "breached", "excluded"};
  return kNames[static_cast<size_t>(verdict)];
}

std::string_view SignalKindName(SignalKind kind) {
  constexpr std::array<std::string_view, kSignalKindCount> kNames = {"at_risk", "overdue", "escalated"};
  return kNames[static_cast<size_t>(kind)];
}

std::string_view DispositionName(Disposition disposition) {
  constexpr std::array<std::string_view, kDispositionCount> kNames = {
      "applied", "held", "duplicate", "late", "refused", "invalid"};
  return kNames[static_cast<size_t>(disposition)];
}

}  // namespace ontime
