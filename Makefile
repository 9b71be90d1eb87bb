# argmap - build, test, install.
#
#   make            the libraries (static and shared) and the argmap command
#   make demo       analyse and draw the sample article into out/
#   make models     retrain models/weights from ../shared/corpora (when it exists)
#   make test       the whole test suite (installs missing Debian packages first)
#   make asan       the test suite under AddressSanitizer + UndefinedBehaviorSanitizer
#   make valgrind   the test suite under valgrind (memcheck, leaks)
#   make install    PREFIX=/usr/local DESTDIR= ; make uninstall
#   make clean
#
# Sources are found by folder (engine/<stage>/*.c), so a new file needs no
# Makefile change. Every library comes through pkg-config except liblinear,
# which Debian ships without a .pc file.

VERSION   := 0.1.0
SOVERSION := 0
PREFIX    ?= /usr/local
BINDIR    ?= $(PREFIX)/bin
LIBDIR    ?= $(PREFIX)/lib
INCDIR    ?= $(PREFIX)/include
MANDIR    ?= $(PREFIX)/share/man
DATADIR   ?= $(PREFIX)/share/argmap
BUILD     ?= build

CC        ?= cc
PKGS      := igraph libcjson libgvc libxml-2.0
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS))
PKG_LIBS   = $(shell pkg-config --libs $(PKGS))
EXTRA_LIBS ?= -llinear -lm

WARN      := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes
OPT       ?= -O2 -g
CFLAGS    ?=
CFLAGS    += -std=c11 $(OPT) $(WARN) -fPIC -Iengine/include $(EXTRA_CFLAGS)
LDFLAGS   += $(EXTRA_LDFLAGS)

LIB_SRC   := $(sort $(wildcard engine/core/*.c engine/text/*.c engine/argue/*.c \
                engine/graph/*.c engine/formats/*.c engine/render/*.c))
CLI_SRC   := $(sort $(wildcard engine/cli/*.c))
TEST_SRC  := $(sort $(wildcard tests/unit/test_*.c))
LIB_OBJ   := $(LIB_SRC:%.c=$(BUILD)/obj/%.o)
CLI_OBJ   := $(CLI_SRC:%.c=$(BUILD)/obj/%.o)
TEST_BIN  := $(TEST_SRC:tests/unit/%.c=$(BUILD)/tests/%)

STATIC    := $(BUILD)/libargmap.a
SHARED    := $(BUILD)/libargmap.so.$(VERSION)
BIN       := $(BUILD)/argmap

.PHONY: all deps build demo models test check asan valgrind fuzz install uninstall clean
.DEFAULT_GOAL := all

all: deps
	@$(MAKE) --no-print-directory build

build: $(STATIC) $(SHARED) $(BIN)

deps:
	@scripts/install-deps.sh

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(CFLAGS) $(PKG_CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/obj/engine/cli/util.o: CFLAGS += -DAM_MODEL_DIR='"$(DATADIR)/models"'

$(STATIC): $(LIB_OBJ)
	@rm -f $@
	@echo "  AR      $@"
	@ar rcs $@ $^

$(SHARED): $(LIB_OBJ)
	@echo "  LD      $@"
	@$(CC) -shared -Wl,-soname,libargmap.so.$(SOVERSION) $(LDFLAGS) -o $@ $^ $(PKG_LIBS) $(EXTRA_LIBS)
	@ln -sf libargmap.so.$(VERSION) $(BUILD)/libargmap.so.$(SOVERSION)
	@ln -sf libargmap.so.$(SOVERSION) $(BUILD)/libargmap.so

$(BIN): $(CLI_OBJ) $(STATIC)
	@echo "  LD      $@"
	@$(CC) $(LDFLAGS) -o $@ $(CLI_OBJ) $(STATIC) $(PKG_LIBS) $(EXTRA_LIBS)

$(BUILD)/tests/%: tests/unit/%.c tests/unit/testutil.h $(STATIC)
	@mkdir -p $(dir $@)
	@echo "  TEST    $@"
	@$(CC) $(CFLAGS) $(PKG_CFLAGS) -Iengine -o $@ $< $(STATIC) $(PKG_LIBS) $(EXTRA_LIBS) \
		$(shell pkg-config --libs cmocka) $(LDFLAGS)

# The allocation-failure test redirects the engine's allocations to its own.
$(BUILD)/tests/test_alloc: LDFLAGS += -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=strdup

demo: deps
	@$(MAKE) --no-print-directory build
	@mkdir -p out
	$(BIN) analyze data/articles/negotiations.txt -o out/negotiations.json --summary
	$(BIN) render data/articles/negotiations.txt -o out/negotiations.svg
	@echo "wrote out/negotiations.json out/negotiations.svg"

models: build
	@scripts/train_models.sh

test: deps
	@$(MAKE) --no-print-directory check

check: build $(TEST_BIN)
	@BUILD=$(BUILD) RUNNER="$(RUNNER)" tests/run.sh

ASAN_FLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
asan: deps
	@$(MAKE) --no-print-directory check BUILD=build-asan OPT="-O1 -g" \
		EXTRA_CFLAGS="$(ASAN_FLAGS)" EXTRA_LDFLAGS="$(ASAN_FLAGS)"

VALGRIND := valgrind -q --error-exitcode=99 --num-callers=500 --leak-check=full \
	--errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect \
	--suppressions=$(CURDIR)/tests/valgrind.supp
valgrind: deps
	@$(MAKE) --no-print-directory check RUNNER="$(VALGRIND)"

# Fuzzing with libFuzzer (clang): every tests/fuzz/fuzz_*.c for FUZZ_SECONDS
# each (scripts/fuzz.sh; FUZZ_ONLY=NAME for one), seeded from
# tests/fuzz/seeds.list; findings land in build-fuzz/findings/.
FUZZ_SECONDS ?= 60
FUZZ_FLAGS := -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
fuzz: deps
	@scripts/install-deps.sh --fuzz
	@$(MAKE) --no-print-directory BUILD=build-fuzz CC=clang OPT="-O1 -g" \
		EXTRA_CFLAGS="$(FUZZ_FLAGS)" WARN="-Wall -Wextra" build-fuzz/libargmap.a
	@FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_ONLY="$(FUZZ_ONLY)" BUILD=build-fuzz scripts/fuzz.sh

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR)/pkgconfig $(DESTDIR)$(INCDIR) \
		$(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(DATADIR)
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/argmap
	install -m 644 $(STATIC) $(DESTDIR)$(LIBDIR)/libargmap.a
	install -m 755 $(SHARED) $(DESTDIR)$(LIBDIR)/libargmap.so.$(VERSION)
	ln -sf libargmap.so.$(VERSION) $(DESTDIR)$(LIBDIR)/libargmap.so.$(SOVERSION)
	ln -sf libargmap.so.$(SOVERSION) $(DESTDIR)$(LIBDIR)/libargmap.so
	install -m 644 engine/include/argmap.h $(DESTDIR)$(INCDIR)/argmap.h
	install -m 644 man/argmap.1 $(DESTDIR)$(MANDIR)/man1/argmap.1
	sed -e 's|@PREFIX@|$(PREFIX)|; s|@LIBDIR@|$(LIBDIR)|; s|@INCDIR@|$(INCDIR)|; s|@VERSION@|$(VERSION)|' \
		argmap.pc.in > $(DESTDIR)$(LIBDIR)/pkgconfig/argmap.pc
	cp -R models $(DESTDIR)$(DATADIR)/
	@echo "installed argmap $(VERSION) under $(DESTDIR)$(PREFIX)"

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/argmap $(DESTDIR)$(LIBDIR)/libargmap.a \
		$(DESTDIR)$(LIBDIR)/libargmap.so.$(VERSION) $(DESTDIR)$(LIBDIR)/libargmap.so.$(SOVERSION) \
		$(DESTDIR)$(LIBDIR)/libargmap.so $(DESTDIR)$(INCDIR)/argmap.h \
		$(DESTDIR)$(MANDIR)/man1/argmap.1 $(DESTDIR)$(LIBDIR)/pkgconfig/argmap.pc
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf build build-asan build-fuzz out

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d)
