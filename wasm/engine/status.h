// Status: an error as a value, in the style of RE2's ok()/error().
//
// The engine builds with -fno-exceptions for WebAssembly, so every fallible
// operation returns a Status (or an object with ok()/error()) instead of
// throwing. A default-constructed Status is OK.
//
//   Status s = pack.LoadFile("rules/pdd.rules");
//   if (!s.ok()) { fprintf(stderr, "%s\n", s.error().c_str()); }
#ifndef CHATLINT_STATUS_H_
#define CHATLINT_STATUS_H_

#include <string>
#include <utility>

namespace chatlint {

class Status {
 public:
  Status() = default;
  static Status Error(std::string message) { return Status(std::move(message)); }

  bool ok() const { return error_.empty(); }
  const std::string& error() const { return error_; }

 private:
  explicit Status(std::string message) : error_(std::move(message)) {
    if (error_.empty()) error_ = "unknown error";
  }
  std::string error_;
};

}  // namespace chatlint

#endif  // CHATLINT_STATUS_H_
