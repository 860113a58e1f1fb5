#pragma once

// Small builders shared by the playbook suites.

#include "core/model/Playbook.h"

#include <QMetaType>

#include <vector>

namespace reverie::test {

inline Rule makeRule(const QString &id, const QString &text, const QStringList &workflows = {},
                     const QStringList &tools = {}, Stakes stakes = Stakes::Low)
{
    Rule r;
    r.id = id;
    r.text = text;
    r.scope.workflows = workflows;
    r.scope.tools = tools;
    r.stakes = stakes;
    r.origin = QStringLiteral("manual");
    return r;
}

// The fields a rendered playbook carries (origin is workspace history, not published).
inline bool samePublished(const Rule &a, const Rule &b)
{
    return a.id == b.id && a.text == b.text && a.scope == b.scope && a.stakes == b.stakes;
}

} // namespace reverie::test

Q_DECLARE_METATYPE(std::vector<reverie::Rule>)
