// The bounded line reader behind every JSONL and text importer.

#include "core/ingest/JsonSupport.h"

#include <QFileInfo>

#include <cstring>

namespace reverie::ingest::json {

LineReader::LineReader(const QString &path) : m_path(path), m_file(openFileOrThrow(path))
{
    m_size = QFileInfo(path).size();
}

namespace {
// A last line without its newline that opens a JSON record and does not close it.
bool isUnfinishedRecord(const std::string &line)
{
    const std::size_t first = line.find_first_not_of(" \t\r");
    if (first == std::string::npos || (line[first] != '{' && line[first] != '['))
        return false;
    return !Json::accept(line);
}
} // namespace

LineReader::LineReader(const QString &path, qint64 offset, qint64 linesBefore) : LineReader(path)
{
    if (offset > 0) {
        if (offset > m_size || fseeko(m_file, off_t(offset), SEEK_SET) != 0)
            throw ImportError::atOffset(path, offset, QStringLiteral("cannot read from here: the file is shorter"));
        m_offset = offset;
        m_line = linesBefore;
        // Only a file known to grow is read from an offset; a first read keeps failing on a
        // truncated last line, as a file that was cut short must.
        m_holdBackUnfinished = true;
    }
}

LineReader::~LineReader()
{
    if (m_file)
        std::fclose(m_file);
}

bool LineReader::next(std::string &line)
{
    line.clear();
    m_lineStart = m_offset;
    bool newline = false;
    for (;;) {
        if (m_pos == m_end) {
            m_end = std::fread(m_buf.data(), 1, m_buf.size(), m_file);
            m_pos = 0;
            if (m_end == 0) {
                if (line.empty() && !m_pendingLine)
                    return false;
                break;   // last line without a trailing newline
            }
        }
        m_pendingLine = true;
        const char *start = m_buf.data() + m_pos;
        const auto *nl = static_cast<const char *>(std::memchr(start, '\n', m_end - m_pos));
        const std::size_t n = nl ? std::size_t(nl - start) : m_end - m_pos;
        line.append(start, n);
        m_pos += n + (nl ? 1 : 0);
        m_offset += qint64(n + (nl ? 1 : 0));
        if (qint64(line.size()) > kMaxLineBytes)
            throw ImportError::atLine(m_path, m_line + 1,
                                      QStringLiteral("line is longer than %1 MiB").arg(kMaxLineBytes >> 20));
        if (nl) {
            newline = true;
            break;
        }
    }
    m_pendingLine = false;
    m_unterminated = !newline;
    if (m_unterminated && m_holdBackUnfinished && isUnfinishedRecord(line)) {
        // An agent is still writing the file's last line: it waits for its newline, never
        // half-read. The next import of the grown file reads it from its start.
        m_offset = m_lineStart;
        m_heldBack = true;
        line.clear();
        return false;
    }
    ++m_line;
    if (!line.empty() && line.back() == '\r')
        line.pop_back();
    if (line.find('\0') != std::string::npos)
        throw ImportError(m_path, m_line, -1,
                          QStringLiteral("column %1: NUL byte: this is binary data, not text")
                              .arg(qint64(line.find('\0')) + 1));
    return true;
}

} // namespace reverie::ingest::json
