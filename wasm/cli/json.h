// The little JSON the command line reads: the "text" field of a JSON Lines record.
// Not a general JSON library. Writing JSON (strings, rules) is the engine's
// (rule_json.h), shared with the WebAssembly binding.
#ifndef CHATLINT_CLI_JSON_H_
#define CHATLINT_CLI_JSON_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "rule_json.h"

namespace chatlint {

// Parses one JSON object and extracts its top-level string field `key`.
// Returns false with *error set ("expected ',' or '}' at column 17") when the
// record is not valid JSON, not an object, or lacks a string `key`.
bool ExtractJsonStringField(std::string_view record, std::string_view key, std::string* value,
                            std::string* error);

}  // namespace chatlint

#endif  // CHATLINT_CLI_JSON_H_
