#pragma once

#include "core/llm/LlmTypes.h"

#include <QByteArray>
#include <QHash>
#include <QMutex>
#include <QString>

#include <deque>
#include <optional>

namespace reverie::llm {

// Answers already paid for, keyed by a hash of (provider, base URL, model, request body): in
// memory, and optionally one JSON file per key in a directory outside any workspace. Files
// are written atomically (temp file + rename), so a crash never leaves a half answer.
// Thread-safe: one cache may serve every client and worker thread.
class ResponseCache {
public:
    explicit ResponseCache(const QString &directory = {}, int maxMemoryEntries = 512);

    // Per-user cache folder (e.g. ~/.cache/reverie/llm-responses), never the workspace.
    static QString defaultDirectory();
    // SHA-256 hex of the inputs; the API key is deliberately not one of them.
    static QByteArray keyFor(const QString &provider, const QString &baseUrl,
                             const QString &model, const QByteArray &requestBody);

    std::optional<ChatResponse> find(const QByteArray &key);
    void store(const QByteArray &key, const ChatResponse &response);
    // Forgets everything, including the files this cache wrote.
    void clear();

    QString directory() const { return m_dir; }
    int memoryEntries() const;

private:
    QString filePath(const QByteArray &key) const;
    void remember(const QByteArray &key, const ChatResponse &response);   // m_mutex held

    const QString m_dir;
    const int m_maxEntries;
    mutable QMutex m_mutex;
    QHash<QByteArray, ChatResponse> m_entries;
    std::deque<QByteArray> m_order;   // oldest first, for eviction
};

} // namespace reverie::llm
