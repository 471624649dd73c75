// The l2sim command line (CLI11). Generic over models: main() builds the ModelRegistry and
// hands it here. Exit codes: 0 success, 1 some runs failed, 2 usage or input error,
// 130/143 interrupted by SIGINT/SIGTERM (files closed cleanly).
#pragma once

#include <string>

#include "sim/model/model.hpp"

namespace sim::cli {

struct BuildInfo {
    std::string version;
    std::string git_commit;
};

int main(int argc, char** argv, const ModelRegistry& models, const BuildInfo& build);

}  // namespace sim::cli
