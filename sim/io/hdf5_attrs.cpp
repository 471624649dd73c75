// Attribute and type helpers over the HDF5 C API.
#include <map>
#include <vector>

#include "sim/io/hdf5_handle.hpp"

namespace sim::io {

namespace {

herr_t innermost(unsigned n, const H5E_error2_t* e, void* out) {
    auto* text = static_cast<std::string*>(out);
    if (n != 0 || !e->desc) return 0;  // upward walk: entry 0 is where it failed
    *text = e->desc;
    // A failed write(2) is described with time, descriptor and buffer; keep its errno text.
    const std::string marker = "error message = '";
    if (const auto at = text->find(marker); at != std::string::npos) {
        const auto end = text->find('\'', at + marker.size());
        *text = text->substr(at + marker.size(), end == std::string::npos ? end : end - at - marker.size());
    }
    return 0;
}

}  // namespace

void silence_hdf5_errors() {
    thread_local const bool silenced = [] {
        H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
        return true;
    }();
    (void)silenced;
}

std::string hdf5_error_text() {
    std::string text;
    H5Ewalk2(H5E_DEFAULT, H5E_WALK_UPWARD, innermost, &text);
    return text;
}

hid_t native_type(ColumnType type) {
    switch (type) {
        case ColumnType::f64: return H5T_NATIVE_DOUBLE;
        case ColumnType::i64: return H5T_NATIVE_INT64;
        case ColumnType::u64: return H5T_NATIVE_UINT64;
        case ColumnType::u8: return H5T_NATIVE_UINT8;
    }
    return H5T_NATIVE_DOUBLE;
}

ColumnType column_type_of(hid_t dataset) {
    Hid type(H5Dget_type(dataset), H5Tclose);
    if (H5Tget_class(type) == H5T_FLOAT) return ColumnType::f64;
    const bool is_signed = H5Tget_sign(type) == H5T_SGN_2;
    if (H5Tget_size(type) == 1) return ColumnType::u8;
    return is_signed ? ColumnType::i64 : ColumnType::u64;
}

namespace {

Hid string_type() {
    Hid t(H5Tcopy(H5T_C_S1), H5Tclose);
    check(H5Tset_size(t, H5T_VARIABLE), "set string size");
    check(H5Tset_cset(t, H5T_CSET_UTF8), "set string cset");
    return t;
}

void replace_attr(hid_t object, const std::string& name) {
    if (H5Aexists(object, name.c_str()) > 0) check(H5Adelete(object, name.c_str()), "delete attribute");
}

template <class T>
void write_scalar_attr(hid_t object, const std::string& name, hid_t type, T value) {
    replace_attr(object, name);
    Hid space(H5Screate(H5S_SCALAR), H5Sclose);
    Hid attr(H5Acreate2(object, name.c_str(), type, space, H5P_DEFAULT, H5P_DEFAULT), H5Aclose);
    check(H5Awrite(attr, type, &value), "write attribute");
}

}  // namespace

void write_text_attr(hid_t object, const std::string& name, const std::string& value) {
    replace_attr(object, name);
    Hid type = string_type();
    Hid space(H5Screate(H5S_SCALAR), H5Sclose);
    Hid attr(H5Acreate2(object, name.c_str(), type, space, H5P_DEFAULT, H5P_DEFAULT), H5Aclose);
    const char* data = value.c_str();
    check(H5Awrite(attr, type, &data), "write text attribute");
}

void write_number_attr(hid_t object, const std::string& name, double value) {
    write_scalar_attr(object, name, H5T_NATIVE_DOUBLE, value);
}
void write_int_attr(hid_t object, const std::string& name, std::int64_t value) {
    write_scalar_attr(object, name, H5T_NATIVE_INT64, value);
}
void write_u64_attr(hid_t object, const std::string& name, std::uint64_t value) {
    write_scalar_attr(object, name, H5T_NATIVE_UINT64, value);
}

std::string read_text_attr(hid_t object, const std::string& name) {
    if (H5Aexists(object, name.c_str()) <= 0) return {};
    Hid attr(H5Aopen(object, name.c_str(), H5P_DEFAULT), H5Aclose);
    Hid file_type(H5Aget_type(attr), H5Tclose);
    if (H5Tget_class(file_type) != H5T_STRING) return {};
    if (H5Tis_variable_str(file_type) > 0) {
        Hid type = string_type();
        char* data = nullptr;
        check(H5Aread(attr, type, &data), "read text attribute");
        std::string out = data ? data : "";
        H5free_memory(data);
        return out;
    }
    std::vector<char> buf(H5Tget_size(file_type) + 1, '\0');
    check(H5Aread(attr, file_type, buf.data()), "read fixed text attribute");
    return std::string(buf.data());
}

namespace {
struct AttrSink {
    std::map<std::string, std::string>* text;
    std::map<std::string, double>* numbers;
};

herr_t visit_attr(hid_t object, const char* name, const H5A_info_t*, void* data) {
    auto* sink = static_cast<AttrSink*>(data);
    Hid attr(H5Aopen(object, name, H5P_DEFAULT), H5Aclose);
    Hid type(H5Aget_type(attr), H5Tclose);
    Hid space(H5Aget_space(attr), H5Sclose);
    if (H5Sget_simple_extent_npoints(space) != 1) return 0;
    const H5T_class_t cls = H5Tget_class(type);
    if (cls == H5T_STRING) {
        (*sink->text)[name] = read_text_attr(object, name);
    } else if (cls == H5T_INTEGER || cls == H5T_FLOAT) {
        double v = 0.0;
        if (H5Aread(attr, H5T_NATIVE_DOUBLE, &v) >= 0) (*sink->numbers)[name] = v;
    }
    return 0;
}
}  // namespace

std::vector<std::string> split_columns(const std::string& joined) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start < joined.size()) {
        auto comma = joined.find(',', start);
        if (comma == std::string::npos) comma = joined.size();
        out.push_back(joined.substr(start, comma - start));
        start = comma + 1;
    }
    return out;
}

void read_all_attrs(hid_t object, std::map<std::string, std::string>& text, std::map<std::string, double>& numbers) {
    AttrSink sink{&text, &numbers};
    hsize_t idx = 0;
    H5Aiterate2(object, H5_INDEX_NAME, H5_ITER_INC, &idx, visit_attr, &sink);
}

}  // namespace sim::io
