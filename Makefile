# OpenModel's front door. `make test` is everything CI runs; `make run` shows the operator
# working on a local cluster with fake GPU nodes.
SHELL := /usr/bin/env bash
MVN := ./mvnw -B -q
KUBECONFIG_PATH := $(CURDIR)/.cluster/kubeconfig
KUBECTL = $(shell hack/build-tools.sh 2>/dev/null | tail -1)/kubectl --kubeconfig=$(KUBECONFIG_PATH)

.PHONY: help tools cluster-up cluster-down build crds test unit run run-gitops stop bench bench-core bench-rollout clean

help:
	@echo "make run           local cluster + CRDs + operator + sample models, status printed"
	@echo "make run-gitops    the same, with the samples synced from a local Git repository by a real Argo CD"
	@echo "make test          unit and integration tests (starts the local cluster when needed)"
	@echo "make cluster-up    start the local control plane with fake GPU nodes (.cluster/kubeconfig)"
	@echo "make cluster-down  stop it and remove its files"
	@echo "make crds          regenerate crds/ from the Java API classes"
	@echo "make bench         benchmarks: the pure core, the command, and the rollout on the local cluster"
	@echo "make bench-rollout N OpenModels vs the floor, CPU, RSS, requests, restart and recovery (BENCH_SIZES=100,1000)"

tools:
	@hack/build-tools.sh --with-argocd >/dev/null

cluster-up:
	@hack/cluster.sh up

cluster-down: stop
	@hack/cluster.sh down

build:
	$(MVN) package -DskipTests

crds:
	$(MVN) test-compile exec:java -Dexec.mainClass=dev.openmodel.crd.CrdFiles -Dexec.classpathScope=test -Dexec.args=crds
	cp crds/*.yaml deploy/helm/openmodel/crds/

unit:
	./mvnw -B test

test: tools
	./mvnw -B verify

run: cluster-up build
	@hack/run.sh

run-gitops: cluster-up build
	@hack/run.sh gitops

stop:
	@hack/run.sh stop

bench: bench-core bench-rollout

target/test.classpath: pom.xml
	$(MVN) dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test.classpath

bench-core: target/test.classpath
	$(MVN) test-compile
	taskset -c 0 java -XX:+UseSerialGC -cp target/classes:target/test-classes:$$(cat target/test.classpath) \
	  dev.openmodel.bench.AssessmentBenchmark
	java -cp target/classes:target/test-classes:$$(cat target/test.classpath) dev.openmodel.reconciler.SourceCacheBenchmark
	@hack/bench-cli.sh

# The packaged operator against the floor on the local cluster; results in target/bench/rollout.{json,md}.
bench-rollout: cluster-up build target/test.classpath
	$(MVN) test-compile
	java -cp target/classes:target/test-classes:$$(cat target/test.classpath) dev.openmodel.bench.RolloutBenchmark

clean: cluster-down
	$(MVN) clean
