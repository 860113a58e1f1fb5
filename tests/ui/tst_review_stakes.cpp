// High-stakes proposals (two named approvers, self-approval refused and shown plainly), text
// from models shown literally, bulk decisions on filtered low-stakes proposals, and a picture
// of the panel.

#include "tst_review_fixture.h"

#include "core/playbook/Render.h"
#include "core/review/PolicyChange.h"
#include "core/store/PlaybookHistory.h"
#include "core/store/ReviewLog.h"
#include "ui/common/NoticeBar.h"
#include "ui/review/ProposalQueueModel.h"
#include "ui/review/ReviewPage.h"
#include "ui/settings/UserSettings.h"

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QSet>
#include <QSignalSpy>
#include <QTextBrowser>
#include <QTreeView>

using namespace reverie;

namespace {

void press(Qt::Key key, Qt::KeyboardModifiers mods = Qt::NoModifier)
{
    QWidget *target = QApplication::focusWidget();
    QVERIFY2(target, "nothing has keyboard focus");
    QTest::keyClick(target, key, mods);
}

void answerPrompt(ui::ReviewPage &page, const QString &text)
{
    auto *edit = page.findChild<QLineEdit *>(QStringLiteral("promptEdit"));
    QVERIFY(edit && edit->isVisible() && edit->hasFocus());
    QTest::keyClicks(edit, text);
    QTest::keyClick(edit, Qt::Key_Return);
}

QString labelText(const ui::ReviewPage &page, const char *name)
{
    auto *l = page.findChild<QLabel *>(QString::fromLatin1(name));
    return l ? l->text() : QString();
}

} // namespace

class TestReviewStakes : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<test::ReviewWorkspace> m_fx;
    std::unique_ptr<ui::ReviewPage> m_page;

    store::Workspace &ws() { return *m_fx->ws; }
    void openPage()
    {
        m_page = std::make_unique<ui::ReviewPage>();
        m_page->resize(1280, 860);
        QVERIFY(test::openReviewPage(*m_page, m_fx->path));
        m_page->setFocus();
    }
    // Approves the selected high-stakes proposal as `reviewer`, with the keyboard.
    void approveAs(const QString &reviewer, const QString &reason)
    {
        ui::UserSettings::storeReviewerName(reviewer);
        QSignalSpy done(m_page.get(), &ui::ReviewPage::decisionFinished);
        press(Qt::Key_A);
        answerPrompt(*m_page, reason);
        QVERIFY(done.wait(20000));
    }

private Q_SLOTS:
    void init()
    {
        test::isolateSettings();
        m_fx = std::make_unique<test::ReviewWorkspace>();
    }
    void cleanup()
    {
        m_page.reset();
        m_fx.reset();
    }

    void highStakesNeedsTwoApproversAndRefusesSelfApproval()
    {
        const qint64 id = m_fx->manual(ProposalOp::Add, QStringLiteral("In deploy_service, run run_tests before deploy."), {},
                                       QStringLiteral("deploy_service"), QStringLiteral("lee"));
        openPage();
        QCOMPARE(m_page->currentProposalId(), id);
        QCOMPARE(labelText(*m_page, "stakesBadge"), ui::ProposalQueueModel::stakesLabel(Stakes::High));
        QVERIFY(labelText(*m_page, "approvalsLabel").contains(QLatin1String("No approvals yet")));

        // The author cannot approve: the ledger refuses and the panel says why, plainly.
        approveAs(QStringLiteral("lee"), QStringLiteral("I checked it"));
        auto *notice = m_page->findChild<QLabel *>(QStringLiteral("noticeText"));
        QVERIFY(notice->isVisible());
        QCOMPARE(notice->textFormat(), Qt::PlainText);
        QVERIFY2(notice->text().contains(QLatin1String("lee wrote proposal")), qPrintable(notice->text()));
        QCOMPARE(m_page->noticeBar()->kind(), ui::NoticeBar::Kind::Error);
        approveAs(QStringLiteral(" LEE "), QStringLiteral("it is me, typed differently"));   // the same person
        QVERIFY2(notice->text().contains(QLatin1String("wrote proposal")), qPrintable(notice->text()));
        QCOMPARE(store::ProposalStore(ws()).get(id)->status, ProposalStatus::Pending);
        QVERIFY(review::Ledger(ws()).approvalState(id).approvers.isEmpty());

        // First approver: recorded, still pending, and the panel shows who approved.
        approveAs(QStringLiteral("dana"), QStringLiteral("three failed deploys last week"));
        QCOMPARE(store::ProposalStore(ws()).get(id)->status, ProposalStatus::Pending);
        QCOMPARE(review::Ledger(ws()).approvalState(id).approvers, QStringList{QStringLiteral("dana")});
        QCOMPARE(m_page->currentProposalId(), id);
        const QString approvals = labelText(*m_page, "approvalsLabel");
        QVERIFY2(approvals.contains(QLatin1String("(1 of 2): dana")), qPrintable(approvals));
        QVERIFY(notice->text().contains(QLatin1String("1 of 2")));
        QCOMPARE(store::PlaybookHistory(ws()).currentNumber(), 1);

        // The same reviewer again is refused; a second person applies it.
        approveAs(QStringLiteral("Dana"), QStringLiteral("again"));   // one person counts once, however typed
        QVERIFY(notice->text().contains(QLatin1String("already approved")));
        approveAs(QStringLiteral("sam"), QStringLiteral("agreed"));
        QCOMPARE(store::ProposalStore(ws()).get(id)->status, ProposalStatus::Approved);
        const PlaybookVersion v = store::PlaybookHistory(ws()).current();
        QCOMPARE(v.number, 2);
        QCOMPARE(v.rules.back().stakes, Stakes::High);
        QCOMPARE(test::publishedBlock(m_fx->markdown), playbook::renderMarkdown(v.rules));
        QCOMPARE(m_page->pendingCount(), 0);
    }

    void signsWithTheKeyFromSettingsWhereThePolicyRequiresIt()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("ssh-keygen")).isEmpty())
            QSKIP("ssh-keygen (openssh-client) is not installed: signing from the app not tested");
        const QString key = m_fx->dir.filePath(QStringLiteral("dana_key"));
        QProcess keygen;
        keygen.start(QStringLiteral("ssh-keygen"), {QStringLiteral("-q"), QStringLiteral("-t"), QStringLiteral("ed25519"),
                                                    QStringLiteral("-N"), QString(), QStringLiteral("-f"), key});
        QVERIFY(keygen.waitForFinished(30000) && keygen.exitCode() == 0);
        QFile pub(key + QStringLiteral(".pub"));
        QVERIFY(pub.open(QIODevice::ReadOnly));
        review::PolicyChange change;
        change.allowedSigners = QStringLiteral("dana ") + QString::fromUtf8(pub.readAll());
        change.requireSignatures = true;
        review::Ledger(ws()).changePolicy(change, QStringLiteral("ops"), QStringLiteral("sign high-stakes approvals"));
        const qint64 id = m_fx->manual(ProposalOp::Add, QStringLiteral("In deploy_service, page the on-call first."), {},
                                       QStringLiteral("deploy_service"), QStringLiteral("lee"));
        openPage();
        QCOMPARE(m_page->currentProposalId(), id);

        // Without a key the gate refuses, and says how to sign.
        approveAs(QStringLiteral("dana"), QStringLiteral("outage last week"));
        auto *notice = m_page->findChild<QLabel *>(QStringLiteral("noticeText"));
        QVERIFY2(notice->text().contains(QLatin1String("requires signed approvals")), qPrintable(notice->text()));
        // With dana's key in her settings, her approval is signed.
        ui::UserSettings user = ui::UserSettings::load();
        user.signingKey = key;
        user.save();
        approveAs(QStringLiteral("dana"), QStringLiteral("outage last week"));
        const std::vector<Review> log = store::ReviewLog(ws()).all();
        QCOMPARE(log.back().reviewer, QStringLiteral("dana"));
        QVERIFY(log.back().signature.startsWith(QLatin1String("-----BEGIN SSH SIGNATURE-----")));
    }

    void markupInProposalsIsShownLiterally()
    {
        const QString text = QStringLiteral("<b>Never</b> <img src=x onerror=alert(1)> &amp; <a href=\"https://evil\">deploy</a>");
        Proposal p;
        p.dreamRunId = m_fx->dreamRunId;
        p.op = ProposalOp::Add;
        p.text = text;
        p.rationale = QStringLiteral("<h1>Because</h1> <script>x</script>");
        p.confidence = 0.5;
        p.evidence.push_back(Evidence{m_fx->runId, {}, m_fx->stepId, -1, QStringLiteral("<i>note</i>")});
        p.conflicts.push_back(Conflict{QStringLiteral("contradicts"), QStringLiteral("R2"), QStringLiteral("<u>says otherwise</u>")});
        store::ProposalStore(ws()).insert(p);
        openPage();
        auto *after = m_page->findChild<QTextBrowser *>(QStringLiteral("diffAfter"));
        QCOMPARE(after->toPlainText(), text);
        auto *inlineDiff = m_page->findChild<QTextBrowser *>(QStringLiteral("diffInline"));
        QCOMPARE(inlineDiff->toPlainText(), text);
        for (const char *name : {"rationaleLabel", "conflictsLabel", "numbersLabel", "approvalsLabel", "proposalScope"})
            QCOMPARE(m_page->findChild<QLabel *>(QString::fromLatin1(name))->textFormat(), Qt::PlainText);
        QVERIFY(labelText(*m_page, "rationaleLabel").contains(QLatin1String("<h1>Because</h1> <script>x</script>")));
        QVERIFY(labelText(*m_page, "conflictsLabel").contains(QLatin1String("<u>says otherwise</u>")));
        auto *queue = m_page->findChild<QTreeView *>(QStringLiteral("reviewQueue"));
        const QModelIndex row = queue->currentIndex();
        QVERIFY(row.data().toString().contains(QLatin1String("<b>Never</b>")));
        QVERIFY(row.siblingAtColumn(0).data(Qt::ToolTipRole).toString().contains(QLatin1String("&lt;b&gt;Never")));
    }

    void bulkDecisionsOnFilteredLowStakes()
    {
        const qint64 a = m_fx->dreamed(ProposalOp::Add, QStringLiteral("Check stock before promising a date."), 0.9);
        const qint64 b = m_fx->dreamed(ProposalOp::Add, QStringLiteral("Re-check stock after a refund."), 0.8);
        const qint64 c = m_fx->dreamed(ProposalOp::Add, QStringLiteral("Greet the customer by name."), 0.7);
        const qint64 high = m_fx->dreamed(ProposalOp::Add, QStringLiteral("Check stock before deploy."), 0.95, Stakes::High);
        ui::UserSettings::storeReviewerName(QStringLiteral("dana"));
        openPage();
        QSignalSpy done(m_page.get(), &ui::ReviewPage::decisionFinished);

        press(Qt::Key_Slash);
        QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("stock"));
        press(Qt::Key_Return);   // back to the queue
        press(Qt::Key_A, Qt::ControlModifier | Qt::ShiftModifier);
        answerPrompt(*m_page, QStringLiteral("stock rules are overdue"));
        QVERIFY(done.wait(20000));
        store::ProposalStore proposals(ws());
        QCOMPARE(proposals.get(a)->status, ProposalStatus::Approved);
        QCOMPARE(proposals.get(b)->status, ProposalStatus::Approved);
        QCOMPARE(proposals.get(c)->status, ProposalStatus::Pending);      // filtered out
        QCOMPARE(proposals.get(high)->status, ProposalStatus::Pending);   // high-stakes never in bulk
        QCOMPARE(store::ReviewLog(ws()).forProposal(a).front().comment, QStringLiteral("stock rules are overdue"));
        QCOMPARE(store::PlaybookHistory(ws()).currentNumber(), 3);

        auto *filter = m_page->findChild<QLineEdit *>(QStringLiteral("reviewFilter"));
        filter->clear();
        m_page->findChild<QComboBox *>(QStringLiteral("stakesFilter"))->setCurrentIndex(1);   // low-stakes only
        m_page->setFocus();
        press(Qt::Key_R, Qt::ControlModifier | Qt::ShiftModifier);
        answerPrompt(*m_page, QStringLiteral("not a playbook rule"));
        QVERIFY(done.wait(20000));
        QCOMPARE(proposals.get(c)->status, ProposalStatus::Rejected);
        QCOMPARE(proposals.get(high)->status, ProposalStatus::Pending);
        QCOMPARE(m_page->pendingCount(), 1);
    }

    void panelGrabsToAPng()
    {
        m_fx->dreamed(ProposalOp::Edit, QStringLiteral("Confirm the order id and the amount with the customer before any refund."),
                      0.82, Stakes::Low, {QStringLiteral("R1")});
        m_fx->dreamed(ProposalOp::Add, QStringLiteral("In deploy_service, run run_tests before deploy."), 0.91, Stakes::High);
        m_fx->dreamed(ProposalOp::Remove, QString(), 0.4, Stakes::Low, {QStringLiteral("R2")});
        m_fx->manual(ProposalOp::Add, QStringLiteral("Escalate refunds over 500 EUR to a human."));
        review::Ledger(ws()).approve(m_fx->dreamed(ProposalOp::Add, QStringLiteral("Never deploy on Fridays."), 0.6, Stakes::High),
                                    QStringLiteral("sam"), QStringLiteral("incident review"));
        openPage();
        press(Qt::Key_J);   // the edit, with its word diff
        press(Qt::Key_J);
        const QImage shot = m_page->grab().toImage();
        QVERIFY(!shot.isNull());
        const QString file = QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("review_panel.png"));
        QVERIFY(shot.save(file));
        qInfo("review panel saved to %s", qPrintable(file));
        QSet<QRgb> colours;
        for (int y = 0; y < shot.height(); y += 5)
            for (int x = 0; x < shot.width(); x += 5)
                colours.insert(shot.pixel(x, y));
        QVERIFY2(colours.size() > 12, "the review panel rendered blank");
    }
};

QTEST_MAIN(TestReviewStakes)
#include "tst_review_stakes.moc"
