// The little JSON the command line needs: writing escaped strings, and reading
// the "text" field of a JSON Lines record. Not a general JSON library.
#ifndef CHATLINT_CLI_JSON_H_
#define CHATLINT_CLI_JSON_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace chatlint {

struct Rule;
enum class Platform : uint8_t;

// Appends s as a JSON string literal (with quotes). Invalid UTF-8 becomes U+FFFD,
// so the output is always valid JSON.
void AppendJsonString(std::string_view s, std::string* out);

// Appends one rule as a JSON object: id, category, severity, platforms, words,
// patterns, allow, homophones, message (as `platform` words it: message.<platform>,
// else the general message), suggestion (the replacement when the rule has one),
// fixable, source, and its flag/clean examples when it carries them.
// The command line (`chatlint rules`) and the WebAssembly binding share it.
void AppendRuleJson(const Rule& rule, Platform platform, std::string* out);

// Parses one JSON object and extracts its top-level string field `key`.
// Returns false with *error set ("expected ',' or '}' at column 17") when the
// record is not valid JSON, not an object, or lacks a string `key`.
bool ExtractJsonStringField(std::string_view record, std::string_view key, std::string* value,
                            std::string* error);

}  // namespace chatlint

#endif  // CHATLINT_CLI_JSON_H_
