#pragma once

#include <QString>

namespace reverie::bench {

// What one browsing session did, for the P6 report.
struct BrowseReport {
    double firstPaintRssMiB = 0;   // VmHWM once the window first showed its list
    double peakRssMiB = 0;         // VmHWM after the whole session
    qint64 rowsFetched = 0;        // rows the list held when scrolled to its end
    qint64 filteredTotal = 0;      // runs left by the filter
    int searchHits = 0;            // the search's first page of step hits
    int trajectoriesOpened = 0;    // runs shown on the timeline
    double seconds = 0;            // the whole script, from opening the window
    double openSeconds = 0;        // of which opening the workspace and its first page
    // Scrolling the list to its end: the longest the GUI thread was busy without a break
    // (one "frame": pages arriving, rows inserted, the view laid out and painted), and how
    // many such stretches there were.
    double scrollWorstFrameMs = 0;
    int scrollFrames = 0;
    QString phases;                // seconds per step of the script, for the notes
};

// Drives the real main window (a QApplication must exist) the way an analyst does on a big
// workspace: scroll the trajectory list to its end, sort it, filter it with a full-text search,
// and open `open` runs and one search hit on the timeline. Reads run on workers: each step
// waits for the models' signals that its rows arrived. Throws reverie::Error on a step that
// never finishes or a read that fails.
BrowseReport browseWorkspace(const QString &path, int open = 5);

} // namespace reverie::bench
