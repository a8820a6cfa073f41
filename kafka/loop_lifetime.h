// Completions queued on an event loop must never outlive what they call
// into. An owner keeps a LoopLifetime and wraps each such completion with
// Guard(): the wrapped call does nothing once the owner is gone (or has
// called End()), whatever order things are destroyed in.
//
//   boost::asio::post(io_, lifetime_.Guard([this] { Drain(); }));
//
// The rule that makes this safe: the owner is destroyed on the thread that
// runs the wrapped calls (the loop's), so nothing can die between the check
// and the call. A completion that starts on another thread (a writer's, a
// broker client's) must not touch its owner there: it posts the guarded
// call to the loop and returns.
#ifndef ONTIME_KAFKA_LOOP_LIFETIME_H_
#define ONTIME_KAFKA_LOOP_LIFETIME_H_

#include <memory>
#include <type_traits>
#include <utility>

namespace ontime {

class LoopLifetime {
 public:
  LoopLifetime() : alive_(std::make_shared<char>(0)) {}
  LoopLifetime(const LoopLifetime&) = delete;
  LoopLifetime& operator=(const LoopLifetime&) = delete;
  ~LoopLifetime() = default;

  // Wraps `call` (returning void) so that it runs only while this lives.
  template <typename Call>
  auto Guard(Call call) const {
    return [alive = std::weak_ptr<char>(alive_), call = std::move(call)](auto&&... args) mutable {
      static_assert(std::is_void_v<decltype(call(std::forward<decltype(args)>(args)...))>,
                    "a guarded call may be skipped, so it returns nothing");
      if (alive.expired()) return;
      call(std::forward<decltype(args)>(args)...);
    };
  }

  // From now on every guarded call is skipped: first thing in a destructor
  // that may still run the loop while members go.
  void End() { alive_.reset(); }

 private:
  std::shared_ptr<char> alive_;
};

}  // namespace ontime

#endif  // ONTIME_KAFKA_LOOP_LIFETIME_H_
