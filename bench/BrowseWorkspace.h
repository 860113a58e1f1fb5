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
    double seconds = 0;
};

// Drives the real main window (a QApplication must exist) the way an analyst does on a big
// workspace: scroll the trajectory list to its end, sort it, filter it with a full-text search,
// and open `open` runs and one search hit on the timeline. Throws reverie::Error on a step that
// never finishes.
BrowseReport browseWorkspace(const QString &path, int open = 5);

} // namespace reverie::bench
