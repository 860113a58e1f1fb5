#pragma once

#include <QByteArray>
#include <QString>

#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace reverie::dream {

// Maps strings to small dense ints so per-trajectory features are plain integer vectors.
// Id 0 is always the empty string ("none"). Ids follow first-seen order, so the same input
// read in the same order yields the same ids (the miner's determinism rests on that).
class Interner {
public:
    Interner() { intern(std::string_view()); }
    Interner(const Interner &) = delete;
    Interner &operator=(const Interner &) = delete;
    Interner(Interner &&) = default;
    Interner &operator=(Interner &&) = default;

    int intern(std::string_view s)
    {
        const auto it = m_ids.find(s);
        if (it != m_ids.end())
            return it->second;
        const std::string &stored = m_store.emplace_back(s);
        const int id = int(m_views.size());
        m_views.push_back(stored);
        m_ids.emplace(m_views.back(), id);
        return id;
    }
    int intern(const QString &s)
    {
        const QByteArray utf8 = s.toUtf8();
        return intern(std::string_view(utf8.constData(), std::size_t(utf8.size())));
    }
    // -1 when the string was never interned.
    int find(std::string_view s) const
    {
        const auto it = m_ids.find(s);
        return it == m_ids.end() ? -1 : it->second;
    }
    std::string_view view(int id) const { return m_views.at(std::size_t(id)); }
    QString text(int id) const
    {
        const std::string_view v = view(id);
        return QString::fromUtf8(v.data(), qsizetype(v.size()));
    }
    int size() const { return int(m_views.size()); }

private:
    std::deque<std::string> m_store;   // a deque never moves its elements: the views stay valid
    std::vector<std::string_view> m_views;
    std::unordered_map<std::string_view, int> m_ids;
};

} // namespace reverie::dream
