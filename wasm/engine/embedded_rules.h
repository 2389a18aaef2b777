// The compiled rule pack (rules/ compiled by chatlint-rulec), embedded at build time.
//
//   RulePack pack;
//   Status s = pack.Deserialize(EmbeddedRulePack());
#ifndef CHATLINT_EMBEDDED_RULES_H_
#define CHATLINT_EMBEDDED_RULES_H_

#include <string_view>

namespace chatlint {

std::string_view EmbeddedRulePack();

}  // namespace chatlint

#endif  // CHATLINT_EMBEDDED_RULES_H_
