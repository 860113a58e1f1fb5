#pragma once

namespace reverie::ui {

class MainWindow;

// A hidden hook for the start-up benchmark (bench/bench_startup.cpp, P5): when the environment
// variable REVERIE_REPORT_FIRST_PAINT is set, the desktop app prints one line to stdout,
//   first-paint-ms N
// N being the milliseconds from process start to the first paint of the main window's
// trajectory list holding its first page of rows (or an empty workspace's empty list), and quits
// with status 0. Not a user option, so not in --help.
bool firstPaintReportRequested();
void reportFirstPaintAndQuit(MainWindow &window);

// Milliseconds since this process was started by the kernel (Linux /proc/self/stat), so the
// figure includes loading the executable and its libraries; elsewhere, since this library's
// static initialisation.
double msSinceProcessStart();

} // namespace reverie::ui
