// Private to sim/scenario: conversion of toml++ nodes and positions to engine values.
#pragma once

#include <toml++/toml.h>

#include <string>

#include "sim/params/field.hpp"
#include "sim/scenario/sweep_spec.hpp"

namespace sim {

struct Scenario;

SourcePos position(const toml::source_region& region, const std::string& file);
/// Scalars map to their kind; arrays of numbers to RealList; arrays of such arrays to RealMatrix.
Value toml_to_value(const toml::node& node, const std::string& file, const std::string& key);
/// Reads the [sweep] table; every swept key is validated like a scenario key.
SweepSpec read_sweep(const toml::table& sweep, const Scenario& scenario, const std::string& file);

}  // namespace sim
