#include "core/store/HashChain.h"

#include <nlohmann/json.hpp>

#include <QCryptographicHash>

namespace reverie::store::hashchain {

using Json = nlohmann::json;

namespace {

std::string utf8(const QString &s) { return s.toStdString(); }

QString sha256Hex(const std::string &data)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(QByteArrayView(data.data(), qsizetype(data.size())), QCryptographicHash::Sha256)
            .toHex());
}

Json scopeJson(const Scope &scope)
{
    Json wf = Json::array();
    for (const QString &w : scope.workflows)
        wf.push_back(utf8(w));
    Json tools = Json::array();
    for (const QString &t : scope.tools)
        tools.push_back(utf8(t));
    Json j{{"workflows", wf}, {"tools", tools}};
    // Added with model scopes; absent when empty, so that every version and proposal written
    // before keeps its hash.
    if (!scope.models.isEmpty()) {
        Json models = Json::array();
        for (const QString &m : scope.models)
            models.push_back(utf8(m));
        j["models"] = models;
    }
    return j;
}

} // namespace

QString genesis() { return QString(64, QLatin1Char('0')); }

QByteArray scopeToJson(const Scope &scope)
{
    const std::string s = scopeJson(scope).dump();
    return QByteArray(s.data(), qsizetype(s.size()));
}

Scope scopeFromJson(const QByteArray &text)
{
    Scope scope;
    const Json j = Json::parse(text.begin(), text.end(), nullptr, false);
    if (!j.is_object())
        return scope;
    auto read = [&](const char *key, QStringList &out) {
        auto it = j.find(key);
        if (it == j.end() || !it->is_array())
            return;
        for (const Json &v : *it) {
            if (v.is_string())
                out << QString::fromStdString(v.get<std::string>());
        }
    };
    read("workflows", scope.workflows);
    read("tools", scope.tools);
    read("models", scope.models);
    return scope;
}

QString versionHash(const PlaybookVersion &v)
{
    Json rules = Json::array();
    for (const Rule &r : v.rules) {
        rules.push_back(Json{{"id", utf8(r.id)},
                             {"text", utf8(r.text)},
                             {"scope", scopeJson(r.scope)},
                             {"stakes", int(r.stakes)},
                             {"origin", utf8(r.origin)}});
    }
    const Json canonical{{"number", v.number},     {"parent", v.parent},
                         {"author", utf8(v.author)}, {"reason", utf8(v.reason)},
                         {"created", v.createdMs},   {"change", utf8(v.change)},
                         {"proposal", v.proposalId}, {"rules", rules}};
    return sha256Hex(utf8(v.prevHash) + '\n' + canonical.dump());
}

QString reviewHash(const Review &r, const QString &prevHash)
{
    Json canonical{{"id", r.id},
                   {"proposal", r.proposalId},
                   {"reviewer", utf8(r.reviewer)},
                   {"decision", utf8(r.decision)},
                   {"comment", utf8(r.comment)},
                   {"edited", utf8(r.editedText)},
                   {"version", r.producedVersion},
                   {"created", r.createdMs}};
    // Added in schema 5; absent from the canonical form when empty, so that every review
    // written before keeps its hash.
    if (!r.subject.isEmpty())
        canonical["subject"] = utf8(r.subject);
    if (!r.detail.isEmpty())
        canonical["detail"] = utf8(r.detail);
    return sha256Hex(utf8(prevHash) + '\n' + canonical.dump());
}

QByteArray signedPayload(const QString &reviewHash)
{
    return QByteArrayLiteral("reverie-decision v1\n") + reviewHash.toLatin1();
}

} // namespace reverie::store::hashchain
