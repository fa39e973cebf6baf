#!/usr/bin/env bash
# Installs what deploy/k8s needs before `kubectl apply -k`, from named charts at pinned versions:
#   Redis Cluster (bitnami/redis-cluster 11.0.6: 3 masters, 1 replica each)
#   the ECK operator (elastic/eck-operator 2.16.1: Elasticsearch and Kibana resources)
#   the Prometheus Adapter (prometheus-community/prometheus-adapter 4.11.0: pods/game_players_connected)
#   Agones (agones/agones 1.47.0), only with --agones
# Needs helm 3 and a kubeconfig; the Secrets (deploy/k8s/README.md) first: the Redis chart reads
# its password from skirmish-redis-acl. Prometheus itself (scraping the pods' /metrics through
# their prometheus.io/* annotations) is not installed here; the adapter expects it at PROMETHEUS_URL.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
namespace="${NAMESPACE:-skirmish}"
prometheus_url="${PROMETHEUS_URL:-http://prometheus-server.monitoring.svc}"
agones=0
[ "${1:-}" = "--agones" ] && agones=1

command -v helm >/dev/null 2>&1 || { echo "install.sh: helm 3 is missing (https://helm.sh/docs/intro/install/)" >&2; exit 3; }

helm repo add bitnami https://charts.bitnami.com/bitnami >/dev/null
helm repo add elastic https://helm.elastic.co >/dev/null
helm repo add prometheus-community https://prometheus-community.github.io/helm-charts >/dev/null
[ "$agones" = 1 ] && helm repo add agones https://agones.dev/chart/stable >/dev/null
helm repo update >/dev/null

helm upgrade --install elastic-operator elastic/eck-operator --version 2.16.1 \
  --namespace elastic-system --create-namespace
helm upgrade --install skirmish-redis bitnami/redis-cluster --version 11.0.6 \
  --namespace "$namespace" --create-namespace -f "$here/redis-cluster-values.yaml"
helm upgrade --install prometheus-adapter prometheus-community/prometheus-adapter --version 4.11.0 \
  --namespace monitoring --create-namespace -f "$here/prometheus-adapter-values.yaml" \
  --set prometheus.url="$prometheus_url"
if [ "$agones" = 1 ]; then
  helm upgrade --install agones agones/agones --version 1.47.0 \
    --namespace agones-system --create-namespace --set "gameservers.namespaces={$namespace}"
fi
