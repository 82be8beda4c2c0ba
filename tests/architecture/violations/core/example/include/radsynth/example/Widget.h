#pragma once
// A deliberate violation for the dependency-rule check's own test: core/ including Qt Widgets.
#include <QPushButton>
