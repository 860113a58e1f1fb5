#pragma once

#include "core/model/Playbook.h"

#include <QString>

#include <vector>

namespace reverie::playbook {

// A rough token count (about four characters a token, words never less than one), good
// enough to keep the injected playbook inside a prompt budget without a tokenizer.
int estimateTokens(const QString &text);
int estimateTokens(const std::vector<Rule> &rules);

} // namespace reverie::playbook
