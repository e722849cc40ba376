# Versions of the lint tools the tests run: one place, read by hadolint.sh and check-prerequisites.sh.
HADOLINT_VERSION="2.15.1"
