using System.Text;
using Flyte.Runtime.Configuration;

namespace Flyte.Fuzz.Targets;

/// <summary>
/// The config file (<see cref="FlyteConfigLoader.Load(string?, string, Func{string, string?}, string?)"/> on a file
/// holding the input). It loads, or throws a <see cref="FlyteConfigException"/> with one line naming the file and key.
/// What it loads, <see cref="FlyteConfigWriter"/> writes back as a file that loads to the same configuration.
/// </summary>
public static class ConfigYamlTarget
{
    public const string Name = "config-yaml";

    public static FuzzTarget Target { get; } = new(Name, "the bytes of a config.yaml",
        ["a0.dll Flyte.Runtime.Configuration", "YamlDotNet.dll"], Run);

    public static void Run(byte[] input)
    {
        using var scratch = new Scratch();
        string path = scratch.Combine("config.yaml");
        File.WriteAllBytes(path, input);

        FlyteConfig config;
        try
        {
            config = Load(path, scratch.Path);
        }
        catch (FlyteConfigException e)
        {
            FuzzInput.RequireOneLine(e.Message, "the config error");
            return;
        }

        string written = FlyteConfigWriter.ToYaml(config);
        string rewrittenPath = scratch.Combine("rewritten.yaml");
        File.WriteAllText(rewrittenPath, written, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        FlyteConfig reloaded;
        try
        {
            reloaded = Load(rewrittenPath, scratch.Path);
        }
        catch (FlyteConfigException e)
        {
            throw new ContractViolationException($"the writer's file of a loaded config does not load: {e.Message}\n{written}");
        }
        string rewritten = FlyteConfigWriter.ToYaml(reloaded);
        if (rewritten != written)
        {
            throw new ContractViolationException($"a loaded config changed when written and loaded again:\n{written}\n---\n{rewritten}");
        }
    }

    // No environment and no home folder: only the file counts.
    private static FlyteConfig Load(string path, string workingDirectory) =>
        FlyteConfigLoader.Load(path, workingDirectory, _ => null, homeDirectory: null).Config;
}
