# OpenModel's front door. `make test` is everything CI runs; `make run` shows the operator
# working on a local cluster with fake GPU nodes.
SHELL := /usr/bin/env bash
MVN := ./mvnw -B -q
KUBECONFIG_PATH := $(CURDIR)/.cluster/kubeconfig
KUBECTL = $(shell hack/build-tools.sh 2>/dev/null | tail -1)/kubectl --kubeconfig=$(KUBECONFIG_PATH)

.PHONY: help tools cluster-up cluster-down build crds test unit run stop bench clean

help:
	@echo "make run           local cluster + CRDs + operator + sample models, status printed"
	@echo "make test          unit and integration tests (starts the local cluster when needed)"
	@echo "make cluster-up    start the local control plane with fake GPU nodes (.cluster/kubeconfig)"
	@echo "make cluster-down  stop it and remove its files"
	@echo "make crds          regenerate crds/ from the Java API classes"
	@echo "make bench         benchmarks"

tools:
	@hack/build-tools.sh >/dev/null

cluster-up:
	@hack/cluster.sh up

cluster-down: stop
	@hack/cluster.sh down

build:
	$(MVN) package -DskipTests

crds:
	$(MVN) test-compile exec:java -Dexec.mainClass=dev.openmodel.crd.CrdFiles -Dexec.classpathScope=test -Dexec.args=crds

unit:
	./mvnw -B test

test: tools
	./mvnw -B verify

run: cluster-up build
	@hack/run.sh

stop:
	@hack/run.sh stop

bench:
	$(MVN) test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test.classpath
	taskset -c 0 java -XX:+UseSerialGC -cp target/classes:target/test-classes:$$(cat target/test.classpath) \
	  dev.openmodel.bench.AssessmentBenchmark
	java -cp target/classes:target/test-classes:$$(cat target/test.classpath) dev.openmodel.reconciler.SourceCacheBenchmark
	@hack/bench-cli.sh

clean: cluster-down
	$(MVN) clean
