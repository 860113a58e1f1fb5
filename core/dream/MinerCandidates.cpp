// Candidate lessons of one workflow: one pass over each run's calls per kind, counting with
// dense arrays over the workflow's tools. OfflineMiner re-checks every candidate with judge()
// so that the numbers a proposal shows are exactly what replay and the evidence say.

#include "core/dream/OfflineMiner.h"

#include "core/dream/FailurePointers.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_map>

namespace reverie::dream {

namespace {

struct Tally {
    int s = 0;
    int f = 0;
    void add(bool failed) { failed ? ++f : ++s; }
    int total() const { return s + f; }
};

bool isFailure(const RunFeatures &r) { return r.verdict == Verdict::Failure; }

// The workflow's tools as dense local indexes, in first-seen order.
class LocalTools {
public:
    int of(int tool)
    {
        const auto [it, inserted] = m_local.emplace(tool, int(m_global.size()));
        if (inserted)
            m_global.push_back(tool);
        return it->second;
    }
    int global(int local) const { return m_global[std::size_t(local)]; }
    int size() const { return int(m_global.size()); }

private:
    std::unordered_map<int, int> m_local;
    std::vector<int> m_global;
};

LessonCounts countsFrom(Tally broke, Tally kept) { return {broke.total(), broke.f, kept.total(), kept.s}; }

void precedence(const FeatureSet &set, int workflow, const std::vector<int> &runs, const MinerThresholds &t,
                int failures, std::vector<Lesson> &out)
{
    LocalTools tools;
    std::vector<Tally> callers;
    std::vector<int> stamp;
    for (int ri = 0; ri < int(runs.size()); ++ri) {
        const RunFeatures &r = set.runs[std::size_t(runs[std::size_t(ri)])];
        for (const CallEvent *c = set.begin(r); c != set.end(r); ++c) {
            const int l = tools.of(c->tool);
            if (l >= int(callers.size())) {
                callers.resize(std::size_t(l) + 1);
                stamp.resize(std::size_t(l) + 1, -1);
            }
            if (stamp[std::size_t(l)] != ri) {
                stamp[std::size_t(l)] = ri;
                callers[std::size_t(l)].add(isFailure(r));
            }
        }
    }
    struct Option {
        Lesson lesson;
        int support = 0;
        double gap = 0;
        int pointed = 0;   // failed runs that broke it whose failure points at its action
    };
    std::map<int, std::vector<Option>> byBefore;   // the actions each "before" step might protect
    const int n = tools.size();
    for (int a = 0; a < n; ++a) {
        if (callers[std::size_t(a)].f < t.minSupport || callers[std::size_t(a)].s < t.minContrast)
            continue;
        const int toolA = tools.global(a);
        std::vector<Tally> kept(static_cast<std::size_t>(n));
        std::vector<double> gapSum(std::size_t(n), 0.0);
        std::fill(stamp.begin(), stamp.end(), -1);
        for (int ri = 0; ri < int(runs.size()); ++ri) {
            const RunFeatures &r = set.runs[std::size_t(runs[std::size_t(ri)])];
            const CallEvent *b = set.begin(r);
            const CallEvent *e = set.end(r);
            const CallEvent *firstA = std::find_if(b, e, [&](const CallEvent &c) { return c.tool == toolA; });
            if (firstA == e)
                continue;
            for (const CallEvent *c = b; c != firstA; ++c) {
                const int l = tools.of(c->tool);
                if (stamp[std::size_t(l)] == ri)
                    continue;
                stamp[std::size_t(l)] = ri;
                kept[std::size_t(l)].add(isFailure(r));
                if (!isFailure(r))
                    gapSum[std::size_t(l)] += double(firstA - c);
            }
        }
        for (int bi = 0; bi < n; ++bi) {
            if (bi == a)
                continue;
            const Tally k = kept[std::size_t(bi)];
            const Tally broke{callers[std::size_t(a)].s - k.s, callers[std::size_t(a)].f - k.f};
            Lesson lesson;
            lesson.kind = LessonKind::Precedence;
            lesson.workflow = workflow;
            lesson.tool = toolA;
            lesson.before = tools.global(bi);
            const LessonCounts c = countsFrom(broke, k);
            if (!passes(lesson, c, t, failures))
                continue;
            byBefore[lesson.before].push_back({lesson, c.brokeFailed + c.keptSucceeded, k.s ? gapSum[std::size_t(bi)] / k.s : 0.0});
        }
    }
    // One action per "before" step: the one the failures point at (an error there, the last
    // action before giving up, the reviewers' words), then the best supported, then the nearest.
    // The nearest alone is wrong when the skipped step protects a later action: a skipped
    // backup shows first at "write_migration", but "apply_migration" is what breaks.
    const FailurePointers pointers(set);
    for (auto &[before, options] : byBefore) {
        // Only the best supported few are weighed: each costs a pass over the workflow's runs.
        constexpr std::size_t kMaxWeighed = 8;
        if (options.size() > kMaxWeighed) {
            std::stable_sort(options.begin(), options.end(), [](const Option &x, const Option &y) {
                return x.support != y.support ? x.support > y.support : x.gap < y.gap;
            });
            options.resize(kMaxWeighed);
        }
        if (options.size() > 1) {
            for (Option &o : options) {
                for (int idx : runs) {
                    const RunFeatures &r = set.runs[std::size_t(idx)];
                    if (isFailure(r) && judge(o.lesson, set, r).outcome == Judgement::Broke && pointers.pointsAt(r, o.lesson.tool))
                        ++o.pointed;
                }
            }
        }
        std::stable_sort(options.begin(), options.end(), [](const Option &x, const Option &y) {
            if (x.pointed != y.pointed)
                return x.pointed > y.pointed;
            if (x.support != y.support)
                return x.support > y.support;
            return x.gap < y.gap;
        });
        Lesson chosen = options.front().lesson;
        for (std::size_t i = 1; i < options.size(); ++i) {
            if (options[i].pointed == options.front().pointed && options[i].support == options.front().support)
                chosen.tiedWith.push_back(options[i].lesson.tool);
        }
        out.push_back(chosen);
    }
}

void arguments(const FeatureSet &set, int workflow, const std::vector<int> &runs, const MinerThresholds &t,
               int failures, std::vector<Lesson> &out)
{
    std::unordered_map<int, Tally> callers;
    struct ArgTally {
        Tally t;
        quint64 runsHash = 0;   // which runs used it: arguments that always travel together count once
    };
    std::unordered_map<quint64, ArgTally> used;
    std::vector<quint64> keys;
    std::vector<int> runTools;
    for (int idx : runs) {
        const RunFeatures &r = set.runs[std::size_t(idx)];
        keys.clear();
        runTools.clear();
        for (const CallEvent *c = set.begin(r); c != set.end(r); ++c) {
            runTools.push_back(c->tool);
            for (int i = 0; i < c->argCount; ++i)
                keys.push_back((quint64(quint32(c->tool)) << 32) | quint32(set.args[std::size_t(c->argBegin + i)]));
        }
        std::sort(runTools.begin(), runTools.end());
        runTools.erase(std::unique(runTools.begin(), runTools.end()), runTools.end());
        for (int tool : runTools)
            callers[tool].add(isFailure(r));
        std::sort(keys.begin(), keys.end());
        keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
        for (quint64 k : keys) {
            ArgTally &a = used[k];
            a.t.add(isFailure(r));
            a.runsHash = a.runsHash * 1099511628211ull + quint64(r.id);
        }
    }
    struct Found {
        Lesson lesson;
        quint64 runsHash;
    };
    // How many values each (tool, key) takes: amounts and ids take many, settings few.
    const auto keyOf = [&](int arg) {
        const std::string_view token = set.strings.view(arg);
        return token.substr(0, token.find('='));
    };
    std::map<std::pair<int, std::string_view>, int> values;
    for (const auto &entry : used)
        ++values[{int(entry.first >> 32), keyOf(int(entry.first & 0xffffffffu))}];
    std::vector<Found> found;
    for (const auto &[key, a] : used) {
        if (a.t.f < t.minSupport)
            continue;
        if (values[{int(key >> 32), keyOf(int(key & 0xffffffffu))}] > t.maxArgValues)
            continue;
        Lesson lesson;
        lesson.kind = LessonKind::Argument;
        lesson.workflow = workflow;
        lesson.tool = int(key >> 32);
        lesson.arg = int(key & 0xffffffffu);
        const Tally all = callers[lesson.tool];
        if (passes(lesson, countsFrom(a.t, Tally{all.s - a.t.s, all.f - a.t.f}), t, failures))
            found.push_back({lesson, a.runsHash});
    }
    // Deterministic order, then one argument per (tool, set of runs).
    std::sort(found.begin(), found.end(), [&](const Found &x, const Found &y) {
        if (x.lesson.tool != y.lesson.tool)
            return set.strings.view(x.lesson.tool) < set.strings.view(y.lesson.tool);
        return set.strings.view(x.lesson.arg) < set.strings.view(y.lesson.arg);
    });
    for (std::size_t i = 0; i < found.size(); ++i) {
        bool twin = false;
        for (std::size_t j = 0; j < i && !twin; ++j)
            twin = found[j].lesson.tool == found[i].lesson.tool && found[j].runsHash == found[i].runsHash;
        if (!twin)
            out.push_back(found[i].lesson);
    }
}

void loops(const FeatureSet &set, int workflow, const std::vector<int> &runs, const MinerThresholds &t,
           int failures, std::vector<Lesson> &out)
{
    std::map<int, std::pair<Tally, Tally>> byTool;   // tool -> (broke, kept)
    std::vector<std::pair<int, bool>> seen;          // tool -> looped, for one run
    std::vector<std::pair<int, int>> failed;         // (tool, error) seen failing in this run
    for (int idx : runs) {
        const RunFeatures &r = set.runs[std::size_t(idx)];
        seen.clear();
        failed.clear();
        for (const CallEvent *c = set.begin(r); c != set.end(r); ++c) {
            if (!c->error)
                continue;
            const std::pair<int, int> key(c->tool, c->error);
            const bool looped = std::find(failed.begin(), failed.end(), key) != failed.end();
            if (!looped)
                failed.push_back(key);
            auto it = std::find_if(seen.begin(), seen.end(), [&](const auto &p) { return p.first == c->tool; });
            if (it == seen.end())
                seen.emplace_back(c->tool, looped);
            else
                it->second = it->second || looped;
        }
        for (const auto &[tool, looped] : seen) {
            auto &[broke, kept] = byTool[tool];
            (looped ? broke : kept).add(isFailure(r));
        }
    }
    for (const auto &[tool, tallies] : byTool) {
        Lesson lesson;
        lesson.kind = LessonKind::Loop;
        lesson.workflow = workflow;
        lesson.tool = tool;
        if (passes(lesson, countsFrom(tallies.first, tallies.second), t, failures))
            out.push_back(lesson);
    }
}

void recoveries(const FeatureSet &set, int workflow, const std::vector<int> &runs, const MinerThresholds &t,
                int failures, std::vector<Lesson> &out)
{
    struct Rec {
        int run;
        int failedAt;   // call index of the first failure
        int next;       // the next call's tool; 0 = none
    };
    std::map<std::pair<int, int>, std::vector<Rec>> byError;   // (tool, error) -> first failure per run
    std::vector<std::pair<int, int>> seen;
    for (int idx : runs) {
        const RunFeatures &r = set.runs[std::size_t(idx)];
        seen.clear();
        for (int i = r.callBegin; i < r.callEnd; ++i) {
            const CallEvent &c = set.calls[std::size_t(i)];
            if (!c.error)
                continue;
            const std::pair<int, int> key(c.tool, c.error);
            if (std::find(seen.begin(), seen.end(), key) != seen.end())
                continue;
            seen.push_back(key);
            const int next = i + 1 < r.callEnd ? set.calls[std::size_t(i + 1)].tool : 0;
            byError[key].push_back({idx, i, next});
        }
    }
    for (const auto &[key, recs] : byError) {
        std::map<int, int> nextBySuccess;
        for (const Rec &rec : recs) {
            if (!isFailure(set.runs[std::size_t(rec.run)]) && rec.next && rec.next != key.first)
                ++nextBySuccess[rec.next];
        }
        for (const auto &[next, count] : nextBySuccess) {
            if (count < t.minContrast)
                continue;
            Tally broke, kept;
            int retried = 0;
            for (const Rec &rec : recs) {
                const RunFeatures &r = set.runs[std::size_t(rec.run)];
                if (rec.next != next) {
                    broke.add(isFailure(r));
                    continue;
                }
                kept.add(isFailure(r));
                if (!isFailure(r)) {
                    for (int j = rec.failedAt + 2; j < r.callEnd; ++j) {
                        if (set.calls[std::size_t(j)].tool == key.first) {
                            ++retried;
                            break;
                        }
                    }
                }
            }
            Lesson lesson;
            lesson.kind = LessonKind::Recovery;
            lesson.workflow = workflow;
            lesson.tool = key.first;
            lesson.error = key.second;
            lesson.next = next;
            lesson.retryAfter = kept.s > 0 && 2 * retried >= kept.s;
            if (passes(lesson, countsFrom(broke, kept), t, failures))
                out.push_back(lesson);
        }
    }
}

void constraints(const FeatureSet &set, int workflow, const std::vector<int> &runs, const MinerThresholds &t,
                 int failures, std::vector<Lesson> &out)
{
    std::map<int, Tally> byNote;
    Tally all;
    for (int idx : runs) {
        const RunFeatures &r = set.runs[std::size_t(idx)];
        all.add(isFailure(r));
        if (r.note)
            byNote[r.note].add(isFailure(r));
    }
    for (const auto &[note, tally] : byNote) {
        if (constraintFromNote(set.strings.text(note)).isEmpty())
            continue;
        Lesson lesson;
        lesson.kind = LessonKind::Constraint;
        lesson.workflow = workflow;
        lesson.note = note;
        if (passes(lesson, countsFrom(tally, Tally{all.s - tally.s, all.f - tally.f}), t, failures))
            out.push_back(lesson);
    }
}

} // namespace

bool passes(const Lesson &lesson, const LessonCounts &c, const MinerThresholds &t, int failures)
{
    const int share = int(std::ceil(t.minFailureShare * failures));
    if (lesson.kind == LessonKind::Constraint)
        return c.brokeFailed >= std::max(t.minNoteRuns, share) && c.failWhenBroken() >= t.minFailWhenBroken;
    if (c.brokeFailed < std::max(t.minSupport, share) || c.failWhenBroken() < t.minFailWhenBroken
        || c.failWhenBroken() - c.failWhenKept() < t.minGap)
        return false;
    const int brokeSucceeded = c.broke - c.brokeFailed;
    switch (lesson.kind) {
    case LessonKind::Precedence:
        return c.keptSucceeded >= t.minContrast
            && double(c.keptSucceeded) >= t.minSuccessKeep * double(c.keptSucceeded + brokeSucceeded);
    case LessonKind::Argument: return c.keptSucceeded >= t.minContrast;
    case LessonKind::Recovery:
        return c.keptSucceeded >= t.minContrast
            && double(c.keptSucceeded) >= t.minNextShare * double(c.keptSucceeded + brokeSucceeded);
    case LessonKind::Loop:
    case LessonKind::Constraint: return true;
    }
    return false;
}

std::vector<Lesson> candidateLessons(const FeatureSet &set, int workflow, const std::vector<int> &runs,
                                     const MinerThresholds &t)
{
    int failures = 0;
    for (int idx : runs)
        failures += isFailure(set.runs[std::size_t(idx)]) ? 1 : 0;
    std::vector<Lesson> out;
    precedence(set, workflow, runs, t, failures, out);
    arguments(set, workflow, runs, t, failures, out);
    loops(set, workflow, runs, t, failures, out);
    recoveries(set, workflow, runs, t, failures, out);
    constraints(set, workflow, runs, t, failures, out);
    return out;
}

} // namespace reverie::dream
