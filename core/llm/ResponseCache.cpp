#include "core/llm/ResponseCache.h"

#include <nlohmann/json.hpp>

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QLoggingCategory>
#include <QMutexLocker>
#include <QSaveFile>
#include <QStandardPaths>

#include <algorithm>

namespace reverie::llm {

namespace {

Q_LOGGING_CATEGORY(lcCache, "reverie.llm.cache")

constexpr int kFormatVersion = 1;
constexpr qint64 kMaxFileBytes = 64ll * 1024 * 1024;

using Json = nlohmann::json;

std::string utf8(const QString &s) { return s.toStdString(); }

QString stringAt(const Json &j, const char *key)
{
    const auto it = j.find(key);
    return it != j.end() && it->is_string() ? QString::fromStdString(it->get<std::string>()) : QString();
}

int intAt(const Json &j, const char *key)
{
    const auto it = j.find(key);
    return it != j.end() && it->is_number_integer() ? it->get<int>() : 0;
}

} // namespace

ResponseCache::ResponseCache(const QString &directory, int maxMemoryEntries)
    : m_dir(directory), m_maxEntries(std::max(1, maxMemoryEntries))
{
}

QString ResponseCache::defaultDirectory()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation)
        + QStringLiteral("/reverie/llm-responses");
}

QByteArray ResponseCache::keyFor(const QString &provider, const QString &baseUrl,
                                 const QString &model, const QByteArray &requestBody)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    // Length-prefixed parts, so ("ab","c") and ("a","bc") never collide.
    for (const QByteArray &part : {provider.toUtf8(), baseUrl.toUtf8(), model.toUtf8(), requestBody}) {
        hash.addData(QByteArray::number(part.size()) + ':');
        hash.addData(part);
    }
    return hash.result().toHex();
}

QString ResponseCache::filePath(const QByteArray &key) const
{
    return m_dir + QLatin1Char('/') + QString::fromLatin1(key) + QStringLiteral(".json");
}

int ResponseCache::memoryEntries() const
{
    QMutexLocker lock(&m_mutex);
    return int(m_entries.size());
}

void ResponseCache::remember(const QByteArray &key, const ChatResponse &response)
{
    if (!m_entries.contains(key))
        m_order.push_back(key);
    m_entries.insert(key, response);
    while (int(m_order.size()) > m_maxEntries) {
        m_entries.remove(m_order.front());
        m_order.pop_front();
    }
}

std::optional<ChatResponse> ResponseCache::find(const QByteArray &key)
{
    {
        QMutexLocker lock(&m_mutex);
        const auto it = m_entries.constFind(key);
        if (it != m_entries.constEnd())
            return *it;
    }
    if (m_dir.isEmpty())
        return std::nullopt;
    QFile file(filePath(key));
    if (!file.exists() || file.size() > kMaxFileBytes || !file.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QByteArray bytes = file.readAll();
    const Json j = Json::parse(bytes.constData(), bytes.constData() + bytes.size(), nullptr, false);
    if (!j.is_object() || intAt(j, "version") != kFormatVersion || !j.contains("text")) {
        // A damaged or foreign file is a miss; the next answer overwrites it.
        qCWarning(lcCache) << "ignoring unreadable cache file" << file.fileName();
        return std::nullopt;
    }
    ChatResponse r;
    r.text = stringAt(j, "text");
    r.model = stringAt(j, "model");
    r.inputTokens = intAt(j, "input_tokens");
    r.outputTokens = intAt(j, "output_tokens");
    r.stopReason = stringAt(j, "stop_reason");
    QMutexLocker lock(&m_mutex);
    remember(key, r);
    return r;
}

void ResponseCache::store(const QByteArray &key, const ChatResponse &response)
{
    ChatResponse r = response;
    r.fromCache = false;
    {
        QMutexLocker lock(&m_mutex);
        remember(key, r);
    }
    if (m_dir.isEmpty())
        return;
    if (!QDir(m_dir).exists()) {
        if (!QDir().mkpath(m_dir)) {
            qCWarning(lcCache) << "cannot create cache directory" << m_dir;
            return;
        }
        // Answers quote trajectories: keep them private to the user.
        QFile::setPermissions(m_dir, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    }
    const Json j = {{"version", kFormatVersion},     {"text", utf8(r.text)},
                    {"model", utf8(r.model)},        {"input_tokens", r.inputTokens},
                    {"output_tokens", r.outputTokens}, {"stop_reason", utf8(r.stopReason)}};
    const std::string text = j.dump(-1, ' ', false, Json::error_handler_t::replace);
    QSaveFile file(filePath(key));   // writes a temp file and renames it on commit()
    if (!file.open(QIODevice::WriteOnly) || !file.setPermissions(QFile::ReadOwner | QFile::WriteOwner)
        || file.write(text.data(), qint64(text.size())) != qint64(text.size())
        || !file.commit())
        qCWarning(lcCache) << "cannot write cache file" << file.fileName() << file.errorString();
}

void ResponseCache::clear()
{
    {
        QMutexLocker lock(&m_mutex);
        m_entries.clear();
        m_order.clear();
    }
    if (m_dir.isEmpty())
        return;
    QDir dir(m_dir);
    const QStringList files = dir.entryList({QStringLiteral("*.json")}, QDir::Files);
    for (const QString &name : files) {
        // Only files named like our keys: the folder might be shared with something else.
        if (name.size() == 64 + 5)
            dir.remove(name);
    }
}

} // namespace reverie::llm
