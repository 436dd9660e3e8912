// Command pulumi-language-python is a minimal Python language host for the Pulumi engine.
//
// Why it exists: the upstream host lives in its own Go module
// (github.com/pulumi/pulumi/sdk/python/cmd/pulumi-language-python/v3) which has no tags, and the Go module
// proxy reachable from our build machines refuses every pseudo-version of it ("This module version is not
// available"). The older host that still ships inside sdk/v3 (v3.68.0) predates RunPlugin, which the engine
// needs to run Python policy packs. So we implement the part of the LanguageRuntime protocol that
// `pulumi up/preview/refresh/destroy` and `--policy-pack` use, compiled against the same sdk/v3 as the CLI:
//
//   - Run: executes the program through the upstream `pulumi-language-python-exec` script (installed beside
//     this binary from the sdk/v3 module), exactly as the upstream host does;
//   - RunPlugin (kind "analyzer"): runs a policy pack with `python -u -m pulumi.policy`, streaming its output;
//     a pack whose `virtualenv` does not exist yet gets it first, from the pack's requirements.txt, so a pack
//     runs from any repository (`pulumi preview --policy-pack <dir>`) without a set-up step;
//   - InstallDependencies (`pulumi install`): creates the `virtualenv` and installs requirements.txt;
//   - About and GetProgramDependencies (`pulumi about`): the interpreter, its version and virtualenv, and the
//     packages installed there;
//   - Handshake, GetPluginInfo, GetRequiredPlugins/Packages: bookkeeping; our programs only use dynamic
//     providers, whose plugin (`pulumi-resource-pulumi-python`) is bundled with the engine.
//
// Everything else answers Unimplemented, which the engine treats as "not supported".
//
// The host lives only as long as its engine: it checks the engine's address (as upstream hosts do) and its
// parent process, and when either is gone (the CLI killed, a CI runner cancelled) it kills the programs and
// policy packs it started and exits, instead of waiting forever for an engine that died.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	"github.com/pulumi/pulumi/sdk/v3/go/common/version"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/emptypb"
)

// bailExitCode is what pulumi-language-python-exec exits with when it has already reported the error.
const bailExitCode = 32

// How often the host checks that its engine is still there.
const watchEvery = 2 * time.Second

type host struct {
	pulumirpc.UnimplementedLanguageRuntimeServer
	engineAddress string
	// alive ends when the engine is gone: every child runs under it.
	alive    context.Context
	shutdown context.CancelFunc
	watching sync.Once
	mu       sync.Mutex
	children map[*exec.Cmd]struct{}
}

func main() {
	flag.Parse()
	alive, shutdown := context.WithCancel(context.Background())
	h := &host{alive: alive, shutdown: shutdown, children: map[*exec.Cmd]struct{}{}}
	if args := flag.Args(); len(args) > 0 {
		h.watchEngine(args[0])
	}
	go watchParent(shutdown)
	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Init: func(srv *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(srv, h)
			return nil
		},
	})
	if err != nil {
		fmt.Fprintf(os.Stderr, "pulumi-language-python: %v\n", err)
		os.Exit(1)
	}
	// The engine reads the port from our first line of stdout.
	fmt.Printf("%d\n", handle.Port)
	select {
	case err := <-handle.Done:
		if err != nil {
			fmt.Fprintf(os.Stderr, "pulumi-language-python: %v\n", err)
			os.Exit(1)
		}
	case <-alive.Done():
		h.killChildren()
		os.Exit(0)
	}
}

// watchEngine starts the engine health check (once): when the engine stops answering, the host shuts down.
func (h *host) watchEngine(address string) {
	if address == "" {
		return
	}
	h.engineAddress = address
	h.watching.Do(func() {
		if err := rpcutil.Healthcheck(h.alive, address, watchEvery, h.shutdown); err != nil {
			fmt.Fprintf(os.Stderr, "pulumi-language-python: cannot watch the engine at %s: %v\n", address, err)
		}
	})
}

// watchParent shuts the host down when its parent (the CLI) has gone: the host is then re-parented.
func watchParent(shutdown context.CancelFunc) {
	parent := os.Getppid()
	for range time.Tick(watchEvery / 2) {
		if os.Getppid() != parent {
			shutdown()
			return
		}
	}
}

// start runs cmd as a child the host kills when its engine is gone. Children stay in the host's process
// group: the engine ends a plugin by killing its group, which must take the program with it.
func (h *host) start(cmd *exec.Cmd) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.alive.Err() != nil {
		return errors.New("the engine is gone")
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	h.children[cmd] = struct{}{}
	return nil
}

// wait waits for a child started by start.
func (h *host) wait(cmd *exec.Cmd) error {
	err := cmd.Wait()
	h.mu.Lock()
	delete(h.children, cmd)
	h.mu.Unlock()
	return err
}

func (h *host) run(cmd *exec.Cmd) error {
	if err := h.start(cmd); err != nil {
		return err
	}
	return h.wait(cmd)
}

func (h *host) killChildren() {
	h.mu.Lock()
	defer h.mu.Unlock()
	for cmd := range h.children {
		_ = cmd.Process.Kill()
	}
}

func (h *host) Handshake(
	_ context.Context, req *pulumirpc.LanguageHandshakeRequest,
) (*pulumirpc.LanguageHandshakeResponse, error) {
	h.watchEngine(req.GetEngineAddress())
	return &pulumirpc.LanguageHandshakeResponse{}, nil
}

func (h *host) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: version.Version}, nil
}

func (h *host) GetRequiredPlugins(
	context.Context, *pulumirpc.GetRequiredPluginsRequest,
) (*pulumirpc.GetRequiredPluginsResponse, error) {
	return &pulumirpc.GetRequiredPluginsResponse{}, nil
}

func (h *host) GetRequiredPackages(
	context.Context, *pulumirpc.GetRequiredPackagesRequest,
) (*pulumirpc.GetRequiredPackagesResponse, error) {
	return &pulumirpc.GetRequiredPackagesResponse{}, nil
}

func (h *host) Cancel(context.Context, *emptypb.Empty) (*emptypb.Empty, error) {
	return &emptypb.Empty{}, nil
}

// basePython is the interpreter outside any virtualenv: PULUMI_PYTHON_CMD, else python3 from PATH.
func basePython() string {
	if cmd := os.Getenv("PULUMI_PYTHON_CMD"); cmd != "" {
		return cmd
	}
	return "python3"
}

// venvOf is the `virtualenv` runtime option as an absolute path (relative to dir), or "" when unset.
func venvOf(info *pulumirpc.ProgramInfo, dir string) string {
	venv := ""
	if opts := info.GetOptions(); opts != nil {
		if v, ok := opts.GetFields()["virtualenv"]; ok {
			venv = v.GetStringValue()
		}
	}
	if venv != "" && !filepath.IsAbs(venv) {
		venv = filepath.Join(dir, venv)
	}
	return venv
}

// installVenv creates venv with the base interpreter and installs dir's requirements.txt into it,
// writing what pip says to out.
func (h *host) installVenv(ctx context.Context, venv, dir string, out io.Writer) error {
	requirements := filepath.Join(dir, "requirements.txt")
	if _, err := os.Stat(requirements); err != nil {
		return fmt.Errorf("cannot create the virtualenv %s: %s has no requirements.txt", venv, dir)
	}
	steps := [][]string{
		{basePython(), "-m", "venv", venv},
		{filepath.Join(venv, "bin", "python"), "-m", "pip", "install", "--disable-pip-version-check", "-r", requirements},
	}
	for _, step := range steps {
		cmd := exec.CommandContext(ctx, step[0], step[1:]...)
		cmd.Dir = dir
		cmd.Stdout, cmd.Stderr = out, out
		if err := h.run(cmd); err != nil {
			return fmt.Errorf("%s: %w", strings.Join(step, " "), err)
		}
	}
	return nil
}

// pythonFor picks the interpreter: the `virtualenv` runtime option (relative to dir), else
// PULUMI_PYTHON_CMD, else python3 from PATH. It also returns the environment additions that activate the venv.
func pythonFor(info *pulumirpc.ProgramInfo, dir string) (string, []string, error) {
	venv := venvOf(info, dir)
	if venv == "" {
		return basePython(), nil, nil
	}
	python := filepath.Join(venv, "bin", "python")
	if _, err := os.Stat(python); err != nil {
		return "", nil, fmt.Errorf(
			"the 'virtualenv' option is set to %q, but %s does not exist; run `pulumi install` to create it",
			venv, python)
	}
	env := []string{
		"VIRTUAL_ENV=" + venv,
		"PATH=" + filepath.Join(venv, "bin") + string(os.PathListSeparator) + os.Getenv("PATH"),
	}
	return python, env, nil
}

func (h *host) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	self, err := os.Executable()
	if err != nil {
		return nil, err
	}
	execScript := filepath.Join(filepath.Dir(self), "pulumi-language-python-exec")
	if _, err := os.Stat(execScript); err != nil {
		return nil, fmt.Errorf("missing executor %s: %w", execScript, err)
	}
	python, venvEnv, err := pythonFor(req.GetInfo(), req.GetInfo().GetRootDirectory())
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}

	args := []string{"-u", execScript}
	add := func(k, v string) {
		if v != "" {
			args = append(args, "--"+k, v)
		}
	}
	add("monitor", req.GetMonitorAddress())
	add("engine", h.engineAddress)
	add("project", req.GetProject())
	add("root_directory", req.GetInfo().GetRootDirectory())
	add("stack", req.GetStack())
	add("pwd", req.GetPwd())
	add("dry_run", fmt.Sprintf("%v", req.GetDryRun()))
	add("parallel", fmt.Sprint(req.GetParallel()))
	add("organization", req.GetOrganization())
	program := req.GetProgram()
	if program == "" {
		program = "."
	}
	args = append(args, program)
	args = append(args, req.GetArgs()...)

	configMap := req.GetConfig()
	if configMap == nil {
		// A stack without config: the exec script needs an object, not null.
		configMap = map[string]string{}
	}
	config, err := json.Marshal(configMap)
	if err != nil {
		return nil, err
	}
	secretKeys := req.GetConfigSecretKeys()
	if secretKeys == nil {
		secretKeys = []string{}
	}
	secretKeysJSON, err := json.Marshal(secretKeys)
	if err != nil {
		return nil, err
	}

	cmd := exec.CommandContext(ctx, python, args...)
	cmd.Dir = req.GetPwd()
	cmd.Stdout = os.Stdout
	cmd.Stderr = os.Stderr
	cmd.Env = append(os.Environ(), venvEnv...)
	cmd.Env = append(cmd.Env, "PULUMI_CONFIG="+string(config), "PULUMI_CONFIG_SECRET_KEYS="+string(secretKeysJSON))

	if err := h.run(cmd); err != nil {
		var exitErr *exec.ExitError
		if errors.As(err, &exitErr) {
			if exitErr.ExitCode() == bailExitCode {
				return &pulumirpc.RunResponse{Bail: true}, nil
			}
			return &pulumirpc.RunResponse{
				Error: fmt.Sprintf("Program exited with non-zero exit code: %d", exitErr.ExitCode()),
			}, nil
		}
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	return &pulumirpc.RunResponse{}, nil
}

// streamWriter forwards a child's stdout or stderr to the engine as RunPlugin messages.
type streamWriter struct {
	mu     *sync.Mutex
	stream grpc.ServerStreamingServer[pulumirpc.RunPluginResponse]
	stderr bool
}

func (w streamWriter) Write(p []byte) (int, error) {
	buf := append([]byte(nil), p...)
	msg := &pulumirpc.RunPluginResponse{Output: &pulumirpc.RunPluginResponse_Stdout{Stdout: buf}}
	if w.stderr {
		msg = &pulumirpc.RunPluginResponse{Output: &pulumirpc.RunPluginResponse_Stderr{Stderr: buf}}
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if err := w.stream.Send(msg); err != nil {
		return 0, err
	}
	return len(p), nil
}

func (h *host) RunPlugin(
	req *pulumirpc.RunPluginRequest, stream grpc.ServerStreamingServer[pulumirpc.RunPluginResponse],
) error {
	if req.GetKind() != "analyzer" {
		return status.Errorf(codes.Unimplemented, "this language host only runs policy packs, not %q plugins",
			req.GetKind())
	}
	packDir := req.GetInfo().GetProgramDirectory()
	var mu sync.Mutex
	if venv := venvOf(req.GetInfo(), packDir); venv != "" {
		if _, err := os.Stat(filepath.Join(venv, "bin", "python")); err != nil {
			// The engine shows plugin stdout as the plugin's own protocol: pip's output goes to stderr.
			if err := h.installVenv(stream.Context(), venv, packDir, streamWriter{mu: &mu, stream: stream, stderr: true}); err != nil {
				return err
			}
		}
	}
	python, venvEnv, err := pythonFor(req.GetInfo(), packDir)
	if err != nil {
		return err
	}
	args := append([]string{"-u", "-m", "pulumi.policy"}, req.GetArgs()...)
	args = append(args, packDir)

	cmd := exec.CommandContext(stream.Context(), python, args...)
	cmd.Dir = packDir
	cmd.Env = append(append(os.Environ(), req.GetEnv()...), venvEnv...)
	cmd.Stdout = streamWriter{mu: &mu, stream: stream}
	cmd.Stderr = streamWriter{mu: &mu, stream: stream, stderr: true}

	code := int32(0)
	if err := h.run(cmd); err != nil {
		var exitErr *exec.ExitError
		if !errors.As(err, &exitErr) {
			return err
		}
		code = int32(exitErr.ExitCode())
	}
	mu.Lock()
	defer mu.Unlock()
	return stream.Send(&pulumirpc.RunPluginResponse{Output: &pulumirpc.RunPluginResponse_Exitcode{Exitcode: code}})
}

// installWriter forwards pip's output to the engine as InstallDependencies messages.
type installWriter struct {
	stream grpc.ServerStreamingServer[pulumirpc.InstallDependenciesResponse]
}

func (w installWriter) Write(p []byte) (int, error) {
	buf := append([]byte(nil), p...)
	if err := w.stream.Send(&pulumirpc.InstallDependenciesResponse{Stdout: buf}); err != nil {
		return 0, err
	}
	return len(p), nil
}

func (h *host) InstallDependencies(
	req *pulumirpc.InstallDependenciesRequest, stream grpc.ServerStreamingServer[pulumirpc.InstallDependenciesResponse],
) error {
	dir := req.GetInfo().GetProgramDirectory()
	if dir == "" {
		dir = req.GetDirectory() //nolint:staticcheck // engines before ProgramInfo send only this
	}
	venv := venvOf(req.GetInfo(), dir)
	if venv == "" {
		return status.Errorf(codes.FailedPrecondition,
			"set the runtime option `virtualenv` (e.g. venv) so `pulumi install` knows where to install")
	}
	return h.installVenv(stream.Context(), venv, dir, installWriter{stream: stream})
}

// interpreter is the program's Python (as Run would pick it) and the packages pip sees there.
func (h *host) interpreter(info *pulumirpc.ProgramInfo) (string, []string, error) {
	dir := info.GetProgramDirectory()
	if dir == "" {
		dir = info.GetRootDirectory()
	}
	python, env, err := pythonFor(info, dir)
	if err != nil {
		return "", nil, err
	}
	if resolved, err := exec.LookPath(python); err == nil {
		python = resolved
	}
	return python, env, nil
}

func (h *host) output(ctx context.Context, env []string, name string, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Env = append(os.Environ(), env...)
	var out strings.Builder
	cmd.Stdout = &out
	if err := h.run(cmd); err != nil {
		return "", fmt.Errorf("%s %s: %w", name, strings.Join(args, " "), err)
	}
	return strings.TrimSpace(out.String()), nil
}

func (h *host) About(ctx context.Context, req *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	python, env, err := h.interpreter(req.GetInfo())
	if err != nil {
		return nil, err
	}
	version, err := h.output(ctx, env, python, "-c", "import platform; print(platform.python_version())")
	if err != nil {
		return nil, err
	}
	metadata := map[string]string{}
	if venv := venvOf(req.GetInfo(), req.GetInfo().GetProgramDirectory()); venv != "" {
		metadata["virtualenv"] = venv
	}
	return &pulumirpc.AboutResponse{Executable: python, Version: version, Metadata: metadata}, nil
}

func (h *host) GetProgramDependencies(
	ctx context.Context, req *pulumirpc.GetProgramDependenciesRequest,
) (*pulumirpc.GetProgramDependenciesResponse, error) {
	python, env, err := h.interpreter(req.GetInfo())
	if err != nil {
		return nil, err
	}
	args := []string{"-m", "pip", "list", "--format=json", "--disable-pip-version-check"}
	if !req.GetTransitiveDependencies() {
		args = append(args, "--not-required")
	}
	listed, err := h.output(ctx, env, python, args...)
	if err != nil {
		return nil, err
	}
	var packages []struct {
		Name    string `json:"name"`
		Version string `json:"version"`
	}
	if err := json.Unmarshal([]byte(listed), &packages); err != nil {
		return nil, fmt.Errorf("reading pip list: %w", err)
	}
	deps := make([]*pulumirpc.DependencyInfo, 0, len(packages))
	for _, p := range packages {
		deps = append(deps, &pulumirpc.DependencyInfo{Name: p.Name, Version: p.Version})
	}
	return &pulumirpc.GetProgramDependenciesResponse{Dependencies: deps}, nil
}

var (
	_ io.Writer = streamWriter{}
	_ io.Writer = installWriter{}
)
