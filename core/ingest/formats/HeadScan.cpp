#include "core/ingest/formats/HeadScan.h"

namespace reverie::ingest {

namespace {

constexpr int kMaxDepth = 8;          // deeper keys never decide a format
constexpr std::size_t kMaxKeys = 4000;
constexpr int kMaxValueChars = 256;

struct Frame {
    bool object = false;
    bool expectKey = false;
    QString name;
};

bool isSpace(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

} // namespace

JsonHead::JsonHead(const QByteArray &head)
{
    const char *p = head.constData();
    const qsizetype n = head.size();
    qsizetype i = 0;
    if (n >= 3 && head.startsWith("\xEF\xBB\xBF"))
        i = 3;
    while (i < n && isSpace(p[i]))
        ++i;
    if (i >= n || (p[i] != '{' && p[i] != '['))
        return;
    m_top = p[i];

    std::vector<Frame> stack;
    QString pendingKey;     // the key whose value comes next, in an object
    bool havePending = false;
    qsizetype pendingIndex = -1;   // its entry in m_keys, when recorded

    // Reads a string starting at the opening quote; returns its (possibly cut) text and moves i
    // past the closing quote. `complete` is false when the head ends inside it.
    auto readString = [&](bool &complete) {
        ++i;
        const qsizetype start = i;
        while (i < n && p[i] != '"') {
            if (p[i] == '\\')
                ++i;
            ++i;
        }
        complete = i < n;
        const QByteArray bytes(p + start, qMin(i, n) - start);
        if (complete)
            ++i;
        return bytes;
    };

    while (i < n) {
        const char c = p[i];
        if (isSpace(c) || c == ',' || c == ':') {
            if (c == ',' && !stack.empty() && stack.back().object)
                stack.back().expectKey = true;
            ++i;
            continue;
        }
        Frame *frame = stack.empty() ? nullptr : &stack.back();
        if (frame && frame->object && frame->expectKey) {
            if (c == '}') {
                stack.pop_back();
                ++i;
            } else if (c == '"') {
                bool complete = false;
                const QByteArray key = readString(complete);
                if (!complete)
                    break;
                pendingKey = QString::fromUtf8(key);
                havePending = true;
                pendingIndex = -1;
                frame->expectKey = false;
                if (int(stack.size()) <= kMaxDepth && m_keys.size() < kMaxKeys) {
                    pendingIndex = qsizetype(m_keys.size());
                    Key k;
                    k.depth = int(stack.size());
                    k.name = pendingKey;
                    k.parent = frame->name;
                    m_keys.push_back(k);
                }
            } else {
                return;   // not JSON after all
            }
            if (stack.empty()) {
                m_complete = true;
                return;
            }
            continue;
        }

        // A value: in an array, after a key, or at the top.
        Key *key = havePending && pendingIndex >= 0 ? &m_keys[std::size_t(pendingIndex)] : nullptr;
        const QString containerName = havePending ? pendingKey : (frame ? frame->name : QString());
        havePending = false;
        if (c == '{' || c == '[') {
            if (key)
                key->type = c;
            stack.push_back(Frame{c == '{', c == '{', containerName});
            ++i;
            continue;
        }
        if (c == '}' || c == ']') {
            stack.pop_back();
            ++i;
        } else if (c == '"') {
            bool complete = false;
            const QByteArray text = readString(complete);
            if (key) {
                key->type = complete ? '"' : 0;
                key->value = QString::fromUtf8(text.left(kMaxValueChars * 4)).left(kMaxValueChars);
            }
            if (!complete)
                break;
        } else {
            const qsizetype start = i;
            while (i < n && !isSpace(p[i]) && p[i] != ',' && p[i] != '}' && p[i] != ']')
                ++i;
            const QByteArray token(p + start, i - start);
            if (key && i < n) {
                if (token == "true" || token == "false")
                    key->type = 'b';
                else if (token == "null")
                    key->type = 'z';
                else
                    key->type = 'n';
                key->value = QString::fromLatin1(token.left(kMaxValueChars));
            }
        }
        if (stack.empty()) {
            m_complete = true;
            return;
        }
    }
}

const JsonHead::Key *JsonHead::find(int depth, QLatin1String name, QLatin1String parent) const
{
    for (const Key &k : m_keys) {
        if (k.depth == depth && k.name == name && (parent.size() == 0 || k.parent == parent))
            return &k;
    }
    return nullptr;
}

QString JsonHead::value(int depth, QLatin1String name) const
{
    const Key *k = find(depth, name);
    return k ? k->value : QString();
}

} // namespace reverie::ingest
