// Regressions on the history page: the version whose success dropped is marked "regressed"
// with the numbers in its tooltip, and "Revert the change that introduced it" (button,
// Ctrl+Shift+G, context menu) takes that change out through the ledger on a worker: a
// reviewed revert, or a request that waits for approvers when the change is high-stakes.

#include "stats/RegressionFixture.h"
#include "tst_review_fixture.h"

#include "core/store/PlaybookHistory.h"
#include "core/store/ProposalStore.h"
#include "ui/history/HistoryPage.h"
#include "ui/history/VersionListModel.h"
#include "ui/common/NoticeBar.h"
#include "ui/settings/UserSettings.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QDir>
#include <QImage>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>

using namespace reverie;

class TestHistoryRegressions : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<ui::HistoryPage> m_page;

    void openPage(test::RegressionWorkspace &fx)
    {
        m_page = std::make_unique<ui::HistoryPage>();
        m_page->resize(1280, 860);
        QSignalSpy loaded(m_page.get(), &ui::HistoryPage::loaded);
        m_page->setWorkspace(fx.path);
        QVERIFY(loaded.wait(20000));
        QVERIFY(test::activate(m_page.get()));
        m_page->findChild<QTableView *>(QStringLiteral("versionTable"))->setFocus();
    }
    QModelIndex successOf(int version) const
    {
        ui::VersionListModel *model = m_page->versionModel();
        return model->index(model->rowOfVersion(version), ui::VersionListModel::Success);
    }
    QPushButton *revertButton() const { return m_page->findChild<QPushButton *>(QStringLiteral("regressionRevertButton")); }
    // Waits for the ledger's answer and the re-read history.
    void waitForDecision(const std::function<void()> &trigger)
    {
        QSignalSpy done(m_page.get(), &ui::HistoryPage::decisionFinished);
        QSignalSpy loaded(m_page.get(), &ui::HistoryPage::loaded);
        trigger();
        QVERIFY(done.wait(20000));
        QVERIFY(loaded.count() > 0 || loaded.wait(20000));
    }

private Q_SLOTS:
    void init()
    {
        test::isolateSettings();
        ui::UserSettings::storeReviewerName(QStringLiteral("ops"));
    }
    void cleanup() { m_page.reset(); }

    void marksTheRegressedVersionAndRevertsItsChangeFromTheKeyboard()
    {
        test::HarmfulVersionWorkspace fx;
        openPage(fx);
        QAbstractItemModelTester tester(m_page->versionModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(m_page->versionModel()->rowCount(), 5);
        for (int v = 1; v <= 5; ++v)
            QCOMPARE(successOf(v).data(ui::VersionListModel::RegressedRole).toBool(), v == 3);
        const QString marked = successOf(3).data().toString();
        QVERIFY2(marked.startsWith(QLatin1String("regressed")) && marked.contains(QLatin1String("50%"))
                     && marked.contains(QStringLiteral("(38–62%, 60 run")),
                 qPrintable(marked));
        QVERIFY2(successOf(2).data().toString().startsWith(QLatin1String("80%")), qPrintable(successOf(2).data().toString()));
        const QString tip = successOf(3).data(Qt::ToolTipRole).toString();
        QVERIFY2(tip.contains(QLatin1String("under version 2")) && tip.contains(QLatin1String("p = 0.000509"))
                     && tip.contains(QStringLiteral("proposal #%1").arg(fx.harmful)) && tip.contains(QLatin1String("skip the smoke tests"))
                     && tip.contains(QLatin1String("deploy_service")) && tip.contains(QLatin1String("claude-sonnet-4")),
                 qPrintable(tip));

        QVERIFY(m_page->selectVersion(3));
        QVERIFY(m_page->grab().toImage().save(
            QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("history_regressed.png"))));

        // Only the regressed version offers it.
        QVERIFY(m_page->selectVersion(4));
        QVERIFY(!revertButton()->isEnabled());
        QVERIFY(m_page->selectVersion(3));
        QVERIFY(revertButton()->isEnabled());
        auto *table = m_page->findChild<QTableView *>(QStringLiteral("versionTable"));
        QCOMPARE(table->contextMenuPolicy(), Qt::ActionsContextMenu);
        const auto actions = table->actions();
        const auto menuEntry = std::find_if(actions.begin(), actions.end(), [](QAction *a) {
            return a->shortcut() == QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_G);
        });
        QVERIFY(menuEntry != actions.end() && (*menuEntry)->isEnabled());

        table->setFocus();
        waitForDecision([] { QTest::keyClick(QApplication::focusWidget(), Qt::Key_G, Qt::ControlModifier | Qt::ShiftModifier); });
        store::PlaybookHistory history(*fx.ws);
        const PlaybookVersion current = history.current();
        QCOMPARE(current.number, 6);
        QCOMPARE(current.change, QStringLiteral("revert"));
        QCOMPARE(current.proposalId, fx.harmful);
        QCOMPARE(current.author, QStringLiteral("ops"));
        QVERIFY2(current.reason.startsWith(QLatin1String("success fell from 80% under version 2 to 50% under version 3")),
                 qPrintable(current.reason));
        QCOMPARE(store::ProposalStore(*fx.ws).get(fx.harmful)->status, ProposalStatus::Reverted);
        QVERIFY2(m_page->noticeBar()->text().contains(QStringLiteral("Reverted proposal #%1").arg(fx.harmful)),
                 qPrintable(m_page->noticeBar()->text()));
        QVERIFY(m_page->noticeBar()->hasAction());   // Undo, as for any way back

        // Still marked (it happened), but nothing is left to revert.
        QVERIFY(successOf(3).data(ui::VersionListModel::RegressedRole).toBool());
        QVERIFY(successOf(3).data(Qt::ToolTipRole).toString().contains(QLatin1String("Already undone")));
        QVERIFY(m_page->selectVersion(3));
        QVERIFY(!revertButton()->isEnabled());
        QVERIFY(!(*menuEntry)->isEnabled());
    }

    void aHighStakesChangeBecomesARequest()
    {
        test::HarmfulVersionWorkspace fx(true);
        openPage(fx);
        QVERIFY(m_page->selectVersion(3));
        QVERIFY(revertButton()->isEnabled());
        waitForDecision([this] { revertButton()->click(); });
        QCOMPARE(store::PlaybookHistory(*fx.ws).currentNumber(), 5);   // nothing applied yet
        QVERIFY2(m_page->noticeBar()->text().contains(QLatin1String("request #")), qPrintable(m_page->noticeBar()->text()));
        const auto pending = store::ProposalStore(*fx.ws).list(ProposalStatus::Pending);
        QVERIFY(std::any_of(pending.begin(), pending.end(), [&](const Proposal &p) {
            return p.op == ProposalOp::Revert && p.targetRef == fx.harmful && p.author == QLatin1String("ops");
        }));
    }
};

QTEST_MAIN(TestHistoryRegressions)
#include "tst_history_regressions.moc"
