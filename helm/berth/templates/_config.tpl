{{/*
berth.yaml, the configuration both `berth serve` and `berth monitor` read (docs/configuration.md).
The chart builds it as a map, then merges .Values.config over it, as Berth merges a config file
over its defaults. Secrets never appear here: the Redis store reads its password from the
BERTH_STORE_REDIS_PASSWORD variable (its default passwordEnv), set from a Secret.
*/}}
{{- define "berth.config" -}}
{{- $fullname := include "berth.fullname" . -}}
{{- $ns := .Release.Namespace -}}

{{- /* Job templates users may submit, each backed by a WorkflowTemplate. */ -}}
{{- $templates := dict -}}
{{- if .Values.argo.protoGcn.enabled -}}
{{- $params := dict
      "config-file" (dict "required" true "kind" "path" "description" "Training config inside the image, e.g. configs/ntu60_xsub/j.py")
      "work-dir" (dict "required" true "kind" "relative-path" "description" (printf "Where checkpoints and logs go, under %s" .Values.argo.protoGcn.workDirs.mountPath)) -}}
{{- $_ := set $templates "proto-gcn" (dict
      "description" "Proto-GCN skeleton action recognition training, the reference design's job."
      "workflowTemplate" .Values.argo.protoGcn.name
      "parameters" $params) -}}
{{- end -}}
{{- $templates = mustMergeOverwrite $templates (deepCopy .Values.argo.extraTemplates) -}}

{{- /* How the queue manager finds the monitors. */ -}}
{{- $cluster := dict
      "timeoutMillis" (int .Values.clusterProbe.timeoutMillis)
      "retries" (int .Values.clusterProbe.retries) -}}
{{- if .Values.monitor.enabled -}}
{{- $_ := set $cluster "kubernetes" (dict
      "namespace" $ns
      "service" (include "berth.monitorName" .)
      "port" "http"
      "refreshSeconds" (int .Values.clusterProbe.refreshSeconds)) -}}
{{- else -}}
{{- $_ := set $cluster "monitors" .Values.monitor.staticUrls -}}
{{- end -}}

{{- $monitor := dict "port" (int .Values.monitor.port) "intervalSeconds" (int .Values.monitor.intervalSeconds) -}}
{{- if .Values.monitor.thresholdsFromServer -}}
{{- $_ := set $monitor "server" (printf "http://%s.%s.svc:%d" $fullname $ns (int .Values.queueManager.service.port)) -}}
{{- end -}}

{{- $config := dict
      "server" (dict "host" "0.0.0.0" "port" (int .Values.queueManager.port))
      "dataDir" (include "berth.dataDir" .)
      "extensions" (dict
          "store" "redis"
          "executor" "argo"
          "probe" "cluster"
          "lease" "redis"
          "policies" (list "thresholds")
          "order" "fifo")
      "store" (dict "redis" (dict
          "url" (include "berth.redisUrl" .)
          "prefix" .Values.store.prefix
          "requirePersistence" .Values.store.requirePersistence))
      "executor" (dict "argo" (dict
          "namespace" $ns
          "installation" (.Values.argo.installation | default (.Release.Name | trunc 40 | trimSuffix "-"))
          "serviceAccount" (include "berth.workflowServiceAccountName" .)
          "shutdown" .Values.argo.shutdown
          "labels" .Values.argo.workflowLabels
          "templates" $templates))
      "probe" (dict
          "cluster" $cluster
          "nvidia-smi" (dict
              "command" .Values.monitor.nvidiaSmi.command
              "timeoutMillis" (int .Values.monitor.nvidiaSmi.timeoutMillis)
              "procRoot" (include "berth.hostProcMount" .)
              "useCgroup" "false"))
      "monitor" $monitor -}}
{{- range $owned := list "dataDir" "pluginsDir" "server" -}}
{{- if hasKey $.Values.config $owned -}}
{{- fail (printf "config.%s is set by the chart (the pod's volumes and ports depend on it); use queueManager.port or queueManager.dataVolume instead" $owned) -}}
{{- end -}}
{{- end -}}
{{- $config = mustMergeOverwrite $config (deepCopy .Values.config) -}}
{{- if and (eq (toString $config.extensions.probe) "cluster") (not .Values.monitor.enabled) (empty .Values.monitor.staticUrls) -}}
{{- fail "monitor.enabled is false: list the monitors in monitor.staticUrls, or choose another probe in config.extensions.probe" -}}
{{- end -}}
{{- toYaml $config -}}
{{- end -}}
