using Flyte.Runtime.Configuration;

namespace Flyte.Runtime.Tests.Configuration;

public sealed class ConfigLookupTests : IDisposable
{
    private readonly ConfigWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public void Without_any_file_the_defaults_apply()
    {
        var loaded = _workspace.Load();

        Assert.Null(loaded.SourcePath);
        Assert.Equal(new TaskConfig { Org = "", Project = "flytesnacks", Domain = "development" }, loaded.Config.Task);
        Assert.Null(loaded.Config.Admin.Endpoint);
        Assert.False(loaded.Config.Admin.Insecure);
    }

    [Fact]
    public void Files_are_searched_in_order_working_directory_dot_flyte_git_root_then_home()
    {
        var home = _workspace.WriteNamed("home/.flyte/config.yaml", "from-home");
        Assert.Equal(("from-home", home), ProjectAndSource());

        var gitRoot = _workspace.WriteNamed("repo/.flyte/config.yaml", "from-git-root");
        Assert.Equal(("from-git-root", gitRoot), ProjectAndSource());

        var dotFlyte = _workspace.WriteNamed("repo/app/.flyte/config.yaml", "from-dot-flyte");
        Assert.Equal(("from-dot-flyte", dotFlyte), ProjectAndSource());

        var local = _workspace.WriteNamed("repo/app/config.yaml", "from-working-directory");
        Assert.Equal(("from-working-directory", local), ProjectAndSource());
    }

    [Fact]
    public void Flytectl_config_comes_before_the_searched_places()
    {
        _workspace.WriteNamed("repo/app/config.yaml", "from-working-directory");
        var named = _workspace.WriteNamed("elsewhere/flyte.yaml", "from-variable");
        _workspace.Environment["FLYTECTL_CONFIG"] = named;

        Assert.Equal(("from-variable", named), ProjectAndSource());
    }

    [Fact]
    public void An_explicit_path_comes_first_and_is_relative_to_the_working_directory()
    {
        _workspace.WriteNamed("repo/app/config.yaml", "from-working-directory");
        _workspace.Environment["FLYTECTL_CONFIG"] = _workspace.WriteNamed("elsewhere/flyte.yaml", "from-variable");
        var named = _workspace.WriteNamed("repo/app/configs/prod.yaml", "from-explicit-path");

        var loaded = _workspace.Load("configs/prod.yaml");

        Assert.Equal("from-explicit-path", loaded.Config.Task.Project);
        Assert.Equal(named, loaded.SourcePath);
    }

    [Fact]
    public void A_tilde_path_is_under_the_home_folder()
    {
        var named = _workspace.WriteNamed("home/configs/dev.yaml", "from-home-path");
        _workspace.Environment["FLYTECTL_CONFIG"] = "~/configs/dev.yaml";

        Assert.Equal(("from-home-path", named), ProjectAndSource());
    }

    [Fact]
    public void A_missing_explicit_file_is_an_error_naming_it()
    {
        var error = Assert.Throws<FlyteConfigException>(() => _workspace.Load("nope.yaml"));

        Assert.Contains(Path.Combine(_workspace.WorkingDirectory, "nope.yaml"), error.Message);
        Assert.Contains("--config", error.Message);
        Assert.Contains("does not exist", error.Message);
    }

    [Fact]
    public void A_missing_flytectl_config_file_is_an_error_naming_the_variable()
    {
        _workspace.WriteNamed("repo/app/config.yaml", "would-be-used-otherwise");
        _workspace.Environment["FLYTECTL_CONFIG"] = "/no/such/config.yaml";

        var error = Assert.Throws<FlyteConfigException>(() => _workspace.Load());

        Assert.Contains("/no/such/config.yaml", error.Message);
        Assert.Contains("fix or unset FLYTECTL_CONFIG", error.Message);
    }

    [Fact]
    public void Without_a_home_folder_the_home_config_is_skipped()
    {
        _workspace.WriteNamed("home/.flyte/config.yaml", "from-home");

        var loaded = FlyteConfigLoader.Load(null, _workspace.WorkingDirectory, _ => null, homeDirectory: null);

        Assert.Null(loaded.SourcePath);
    }

    private (string Project, string? Source) ProjectAndSource()
    {
        var loaded = _workspace.Load();
        return (loaded.Config.Task.Project, loaded.SourcePath);
    }
}
