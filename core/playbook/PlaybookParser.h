#pragma once

#include "core/model/Playbook.h"

#include <QByteArray>
#include <QString>

#include <vector>

namespace reverie::playbook {

// Reads an existing playbook so it can become a first version: either a Markdown bullet
// list ("- rule", "* rule", "1. rule"; what renderMarkdown writes, including its ids and
// scopes, reads back identically) or the JSON that renderJson writes. Rules without an id get
// none (the caller assigns ids). A Markdown file that holds Reverie's managed block (see
// ManagedBlock.h) is read inside the block only: hand-written bullets around it are not rules
// of the playbook. Throws reverie::Error naming `fileName` and the line, also for a broken block.
std::vector<Rule> parsePlaybook(const QByteArray &content, const QString &fileName);

} // namespace reverie::playbook
