#include "core/dream/TrajectoryFeatures.h"

#include "core/dream/DreamErrors.h"
#include "core/dream/StepSignatures.h"
#include "core/store/DreamStepScan.h"

#include <algorithm>

namespace reverie::dream {

namespace {

// Enough of a call's input to read its scalar arguments and of a result to read its error.
constexpr int kScanTextChars = 600;

// Pairs results with calls inside one run while the scan streams through it.
class RunBuilder {
public:
    explicit RunBuilder(FeatureSet &set) : m_set(set) {}

    void call(const store::ScannedStep &s)
    {
        CallEvent c;
        c.stepId = s.stepId;
        c.seq = s.seq;
        c.tool = m_set.strings.intern(s.tool);
        c.argBegin = int(m_set.args.size());
        forEachScalarArg(s.text, [&](std::string_view key, std::string_view value) {
            m_buf.assign(key).append("=").append(value);
            m_set.args.push_back(m_set.strings.intern(m_buf));
        });
        c.argCount = int(m_set.args.size()) - c.argBegin;
        std::sort(m_set.args.begin() + c.argBegin, m_set.args.end());
        if (s.isError) {
            errorSignature(s.text, m_buf);
            c.error = m_set.strings.intern(m_buf);
            c.resultStepId = s.stepId;
            c.resultSeq = s.seq;
        }
        m_set.calls.push_back(c);
        if (!s.callId.empty())
            m_openCalls.emplace_back(std::hash<std::string_view>()(s.callId), int(m_set.calls.size()) - 1);
    }

    void result(const store::ScannedStep &s, int runCallBegin)
    {
        int target = -1;
        if (!s.callId.empty()) {
            const std::size_t key = std::hash<std::string_view>()(s.callId);
            for (auto it = m_openCalls.rbegin(); it != m_openCalls.rend(); ++it) {
                if (it->first == key) {
                    target = it->second;
                    break;
                }
            }
        }
        if (target < 0 && int(m_set.calls.size()) > runCallBegin) {
            // No call id: the latest call of the same tool (or simply the latest call) that has no result yet.
            for (int i = int(m_set.calls.size()) - 1; i >= runCallBegin; --i) {
                CallEvent &c = m_set.calls[std::size_t(i)];
                if (c.resultStepId == 0 && (s.tool.empty() || m_set.strings.view(c.tool) == s.tool)) {
                    target = i;
                    break;
                }
            }
        }
        if (target < 0)
            return;
        CallEvent &c = m_set.calls[std::size_t(target)];
        if (c.resultStepId != 0 && c.resultStepId != c.stepId)
            return;
        c.resultStepId = s.stepId;
        c.resultSeq = s.seq;
        if (s.isError || looksLikeError(s.text)) {
            errorSignature(s.text, m_buf);
            c.error = m_set.strings.intern(m_buf);
        }
    }

    void reset() { m_openCalls.clear(); }

private:
    FeatureSet &m_set;
    std::string m_buf;
    std::vector<std::pair<std::size_t, int>> m_openCalls;   // hashed call id -> call index
};

} // namespace

int FeatureSet::indexOf(qint64 runId) const
{
    const auto it = std::lower_bound(runs.begin(), runs.end(), runId,
                                     [](const RunFeatures &r, qint64 id) { return r.id < id; });
    return it != runs.end() && it->id == runId ? int(it - runs.begin()) : -1;
}

QString normalizeNote(const QString &note)
{
    QString n = note.simplified().toLower();
    while (!n.isEmpty() && (n.endsWith(QLatin1Char('.')) || n.endsWith(QLatin1Char('!')) || n.endsWith(QLatin1Char(';'))))
        n.chop(1);
    return n.trimmed();
}

FeatureSet loadFeatures(store::Workspace &ws, const std::vector<RunHeader> &headers, const ScanProgress &progress)
{
    FeatureSet set;
    set.runs.reserve(headers.size());
    set.externalIds.reserve(headers.size());
    set.notes.reserve(headers.size());
    std::vector<qint64> ids;
    ids.reserve(headers.size());
    for (const RunHeader &h : headers) {
        RunFeatures r;
        r.id = h.id;
        r.workflow = set.strings.intern(h.workflow);
        r.verdict = h.verdict;
        r.startedMs = h.startedMs;
        r.inFocus = h.inFocus;
        const QString note = normalizeNote(h.verdictNotes);
        r.note = note.isEmpty() ? 0 : set.strings.intern(note);
        set.runs.push_back(r);
        set.externalIds.push_back(h.externalId);
        set.notes.push_back(h.verdictNotes.simplified());
        ids.push_back(h.id);
    }

    RunBuilder builder(set);
    int current = -1;
    bool cancelled = false;
    const unsigned kinds = store::stepKindBit(StepKind::ToolCall) | store::stepKindBit(StepKind::Observation)
        | store::stepKindBit(StepKind::Verdict);
    store::scanDreamSteps(ws, ids, kinds, kScanTextChars, [&](const store::ScannedStep &s) {
        if (current < 0 || set.runs[std::size_t(current)].id != s.trajectoryId) {
            if (current >= 0)
                set.runs[std::size_t(current)].callEnd = int(set.calls.size());
            // Runs and steps both come in row-id order, so the next run is found by walking forward.
            do {
                ++current;
                if (current < int(set.runs.size()))
                    set.runs[std::size_t(current)].callBegin = set.runs[std::size_t(current)].callEnd = int(set.calls.size());
            } while (current < int(set.runs.size()) && set.runs[std::size_t(current)].id != s.trajectoryId);
            builder.reset();
            if (current >= int(set.runs.size()))
                return false;
        }
        RunFeatures &run = set.runs[std::size_t(current)];
        switch (s.kind) {
        case StepKind::ToolCall: builder.call(s); break;
        case StepKind::Observation: builder.result(s, run.callBegin); break;
        case StepKind::Verdict:
            run.verdictStepId = s.stepId;
            run.verdictSeq = s.seq;
            break;
        default: break;
        }
        if ((++set.stepCount & 0xfff) == 0 && progress && !progress(set.stepCount)) {
            cancelled = true;
            return false;
        }
        return true;
    });
    if (cancelled)
        throw DreamCancelled();
    if (current >= 0 && current < int(set.runs.size()))
        set.runs[std::size_t(current)].callEnd = int(set.calls.size());
    // Runs after the last one with steps have no calls.
    for (std::size_t i = std::size_t(std::max(current + 1, 0)); i < set.runs.size(); ++i)
        set.runs[i].callBegin = set.runs[i].callEnd = int(set.calls.size());
    return set;
}

} // namespace reverie::dream
