# Turns a binary file into a C++ source holding its bytes (cmake -P; no xxd needed).
#   cmake -DIN=rules.clp -DOUT=embedded_rules.cc -P embed.cmake
file(READ "${IN}" hex HEX)
string(LENGTH "${hex}" hex_len)
math(EXPR size "${hex_len} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
string(REGEX REPLACE "(0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,)" "\\1\n" bytes "${bytes}")
file(WRITE "${OUT}.tmp"
"// Generated from the compiled rule pack by wasm/tools/embed.cmake. Do not edit.\n"
"#include \"embedded_rules.h\"\n\n"
"namespace chatlint {\n"
"namespace {\n"
"alignas(8) const unsigned char kPack[] = {\n${bytes}\n};\n"
"}  // namespace\n\n"
"std::string_view EmbeddedRulePack() {\n"
"  return std::string_view(reinterpret_cast<const char*>(kPack), ${size});\n"
"}\n\n"
"}  // namespace chatlint\n")
file(RENAME "${OUT}.tmp" "${OUT}")
