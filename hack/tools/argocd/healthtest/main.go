// Command healthtest runs the health_test.yaml cases of every health.lua under a directory in
// Argo CD's upstream layout (resource_customizations/GROUP/KIND/) through Argo CD's own Lua VM
// (github.com/argoproj/argo-cd/v3/util/lua), as Argo CD's TestLuaHealthScript does, and once more
// the way Argo CD runs a script from argocd-cm (a resource override, standard libraries closed).
// It prints one line per case and exits 1 if any case differs from its expected health.
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/argoproj/gitops-engine/pkg/health"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"sigs.k8s.io/yaml"

	appv1 "github.com/argoproj/argo-cd/v3/pkg/apis/application/v1alpha1"
	"github.com/argoproj/argo-cd/v3/util/lua"
)

type testFile struct {
	Tests []struct {
		InputPath    string              `json:"inputPath"`
		HealthStatus health.HealthStatus `json:"healthStatus"`
	} `json:"tests"`
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: healthtest RESOURCE_CUSTOMIZATIONS_DIR")
		os.Exit(2)
	}
	root := os.Args[1]
	cases, failed := 0, 0
	err := filepath.Walk(root, func(path string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() || info.Name() != "health.lua" {
			return err
		}
		dir := filepath.Dir(path)
		script, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		raw, err := os.ReadFile(filepath.Join(dir, "health_test.yaml"))
		if err != nil {
			return err
		}
		var tests testFile
		if err := yaml.Unmarshal(raw, &tests); err != nil {
			return fmt.Errorf("%s: %w", filepath.Join(dir, "health_test.yaml"), err)
		}
		for _, test := range tests.Tests {
			input, err := os.ReadFile(filepath.Join(dir, test.InputPath))
			if err != nil {
				return err
			}
			obj := map[string]any{}
			if err := yaml.Unmarshal(input, &obj); err != nil {
				return fmt.Errorf("%s: %w", test.InputPath, err)
			}
			u := &unstructured.Unstructured{Object: obj}
			key := lua.GetConfigMapKey(u.GroupVersionKind())
			for _, mode := range []string{"built-in", "argocd-cm"} {
				vm := lua.VM{UseOpenLibs: true}
				code := string(script)
				if mode == "argocd-cm" {
					vm = lua.VM{ResourceOverrides: map[string]appv1.ResourceOverride{key: {HealthLua: code}}}
					var open bool
					if code, open, err = vm.GetHealthScript(u); err != nil {
						return err
					}
					vm.UseOpenLibs = open
				}
				cases++
				name := fmt.Sprintf("%s/%s (%s)", strings.TrimPrefix(dir, filepath.Clean(root)+"/"), test.InputPath, mode)
				got, err := vm.ExecuteHealthLua(u, code)
				switch {
				case err != nil:
					failed++
					fmt.Printf("FAIL %s: %v\n", name, err)
				case *got != test.HealthStatus:
					failed++
					fmt.Printf("FAIL %s: got %s %q, want %s %q\n", name, got.Status, got.Message, test.HealthStatus.Status, test.HealthStatus.Message)
				default:
					fmt.Printf("ok   %s: %s %q\n", name, got.Status, got.Message)
				}
			}
		}
		return nil
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "healthtest:", err)
		os.Exit(2)
	}
	fmt.Printf("%d cases, %d failed (Argo CD's Lua VM, util/lua)\n", cases, failed)
	if failed > 0 || cases == 0 {
		os.Exit(1)
	}
}
