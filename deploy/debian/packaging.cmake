# `cmake --build BUILD --target package`: ontime_<version>_amd64.deb, with
# both programs, /etc/ontime/ontime.yaml (a conffile: the example standards
# on a local broker), ontimed.service (Type=notify, hardened) and the
# maintainer scripts that add the `ontime` system user. State lives in
# Kafka only: the package puts nothing under /var.
include(GNUInstallDirs)

install(TARGETS ontimed ontime RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})

# The packaged config is the shipped example on a broker at localhost:9092,
# without the simulator (deploy/packaged_config.py, which also makes the
# Kubernetes ConfigMap).
find_package(Python3 REQUIRED COMPONENTS Interpreter)
set(packaged_config ${PROJECT_BINARY_DIR}/packaging/ontime.yaml)
add_custom_command(OUTPUT ${packaged_config}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${PROJECT_BINARY_DIR}/packaging
  COMMAND ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/deploy/packaged_config.py
          ${PROJECT_SOURCE_DIR}/deploy/examples/ontime.yaml localhost:9092 > ${packaged_config}
  DEPENDS ${PROJECT_SOURCE_DIR}/deploy/packaged_config.py ${PROJECT_SOURCE_DIR}/deploy/examples/ontime.yaml
  VERBATIM)
add_custom_target(packaged_config ALL DEPENDS ${packaged_config})
install(FILES ${packaged_config} DESTINATION /etc/ontime)

install(FILES ${PROJECT_SOURCE_DIR}/deploy/systemd/ontimed.service DESTINATION /lib/systemd/system)
install(FILES ${PROJECT_SOURCE_DIR}/deploy/debian/copyright ${PROJECT_SOURCE_DIR}/README.md
              ${PROJECT_SOURCE_DIR}/docs/operations.md
        DESTINATION ${CMAKE_INSTALL_DOCDIR})
set(changelog ${PROJECT_BINARY_DIR}/packaging/changelog.Debian.gz)
add_custom_command(OUTPUT ${changelog}
  COMMAND gzip -n -9 -c ${PROJECT_SOURCE_DIR}/deploy/debian/changelog > ${changelog}
  DEPENDS ${PROJECT_SOURCE_DIR}/deploy/debian/changelog VERBATIM)
add_custom_target(debian_changelog ALL DEPENDS ${changelog})
install(FILES ${changelog} DESTINATION ${CMAKE_INSTALL_DOCDIR})

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME ontime)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
# The Debian revision (ontime_0.1.0-1_amd64.deb): deploy/debian/changelog
# names the same.
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "ontime maintainers <maintainers@ontime.invalid>")
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "service-timeliness monitor for customer contacts")
set(CPACK_PACKAGE_DESCRIPTION "ontime measures every customer contact (calls, emails, letters, visits,\ncomplaints) against an organisation's published timeliness and quality\nstandards as its events arrive from Kafka, alerts managers before deadlines\npass, serves Prometheus metrics, and writes the monthly statements an\norganisation publishes (Customer Service Excellence, criterion 5).")
# Runtime libraries by dependency (dpkg-shlibdeps), and adduser for the user.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "adduser")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${PROJECT_SOURCE_DIR}/deploy/debian/conffiles ${PROJECT_SOURCE_DIR}/deploy/debian/postinst
    ${PROJECT_SOURCE_DIR}/deploy/debian/prerm ${PROJECT_SOURCE_DIR}/deploy/debian/postrm)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)
