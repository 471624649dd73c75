// The l2sim executable: registers every model with the engine's CLI. This is the only place
// where sim/ and models/ meet.
#include "l2sim_version.hpp"
#include "models/model_catalog.hpp"
#include "sim/cli/cli.hpp"

int main(int argc, char** argv) {
    sim::ModelRegistry registry;
    models::register_all(registry);
    return sim::cli::main(argc, argv, registry, {l2sim::version, l2sim::git_commit});
}
