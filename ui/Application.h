#pragma once

namespace reverie::ui {

// Creates the QApplication, reads --workspace / --demo, and shows the main window.
int runDesktop(int argc, char *argv[]);

} // namespace reverie::ui
