#pragma once

#include "core/model/Playbook.h"

#include <QByteArray>
#include <QString>

namespace reverie::store {

// The hash chain that makes history tamper-evident. Each playbook version's hash covers its
// parent's hash and a canonical form of everything the version says; reviews are chained the
// same way, in id order. Writers and `verify` use these same functions.
namespace hashchain {

// The hash that precedes the first version or review.
QString genesis();

// Canonical JSON of scope, used both in the workspace column and in hashing.
QByteArray scopeToJson(const Scope &scope);
Scope scopeFromJson(const QByteArray &json);

QString versionHash(const PlaybookVersion &version);
QString reviewHash(const Review &review, const QString &prevHash);
// What a reviewer's SSH signature covers: the review's hash, which chains over the decision
// and every decision before it.
QByteArray signedPayload(const QString &reviewHash);

} // namespace hashchain

} // namespace reverie::store
