namespace Flyte.Runtime.CommandLine;

/// <summary>
/// Parses a0's command line, the contract flyte-sdk's <c>a0</c> defines. Hand-written (no reflection,
/// no library) because a0's startup time is on every action's critical path.
/// </summary>
internal static class A0ArgumentParser
{
    /// <summary>The resolver name our task specs use; its arguments name the task.</summary>
    public const string DotnetResolver = "flyte-dotnet";

    // Unknown rather than a nullable Option: the generic Nullable over a0's own enum would be compiled by the JIT at every start.
    private enum Option
    {
        Unknown = -1,
        Inputs,
        OutputsPath,
        Version,
        RunBaseDir,
        RawDataPath,
        CheckpointPath,
        PrevCheckpoint,
        Name,
        RunName,
        RunStartTime,
        Project,
        Domain,
        Org,
        ImageCache,
        Tgz,
        Pkl,
        Dest,
        Resolver,
    }

    private const int OptionCount = (int)Option.Resolver + 1;

    // Short aliases are flyte-sdk's.
    private static Option Lookup(string name) => name switch
    {
        "--inputs" or "-i" => Option.Inputs,
        "--outputs-path" or "-o" => Option.OutputsPath,
        "--version" or "-v" => Option.Version,
        "--run-base-dir" => Option.RunBaseDir,
        "--raw-data-path" or "-r" => Option.RawDataPath,
        "--checkpoint-path" or "-c" => Option.CheckpointPath,
        "--prev-checkpoint" or "-p" => Option.PrevCheckpoint,
        "--name" => Option.Name,
        "--run-name" => Option.RunName,
        "--run-start-time" => Option.RunStartTime,
        "--project" => Option.Project,
        "--domain" => Option.Domain,
        "--org" => Option.Org,
        "--image-cache" => Option.ImageCache,
        "--tgz" => Option.Tgz,
        "--pkl" => Option.Pkl,
        "--dest" => Option.Dest,
        "--resolver" => Option.Resolver,
        _ => Option.Unknown,
    };

    private static string LongName(Option option) => option switch
    {
        Option.Inputs => "--inputs",
        Option.OutputsPath => "--outputs-path",
        Option.Version => "--version",
        Option.RunBaseDir => "--run-base-dir",
        Option.RawDataPath => "--raw-data-path",
        Option.CheckpointPath => "--checkpoint-path",
        Option.PrevCheckpoint => "--prev-checkpoint",
        Option.Name => "--name",
        Option.RunName => "--run-name",
        Option.RunStartTime => "--run-start-time",
        Option.Project => "--project",
        Option.Domain => "--domain",
        Option.Org => "--org",
        Option.ImageCache => "--image-cache",
        Option.Tgz => "--tgz",
        Option.Pkl => "--pkl",
        Option.Dest => "--dest",
        Option.Resolver => "--resolver",
        _ => throw new ArgumentOutOfRangeException(nameof(option)),
    };

    public static A0ParseResult Parse(IReadOnlyList<string> args, Func<string, string?> getEnvironmentVariable)
    {
        var warnings = new List<string>();
        var given = new string?[OptionCount];
        IReadOnlyList<string> resolverArgs = [];

        for (int i = 0; i < args.Count; i++)
        {
            string token = args[i];
            if (!LooksLikeOption(token))
            {
                warnings.Add($"ignored unexpected argument '{EchoedValue.Of(token)}'");
                continue;
            }

            int equals = token.IndexOf('=');
            string name = equals < 0 ? token : token[..equals];
            string? value = equals < 0 ? null : token[(equals + 1)..];
            Option option = Lookup(name);

            if (option == Option.Unknown)
            {
                // The executor may add options we do not know yet; a value, if any, goes with them.
                if (value is null && i + 1 < args.Count && !LooksLikeOption(args[i + 1]))
                {
                    value = args[++i];
                }
                warnings.Add(value is null ? $"ignored unknown option {EchoedValue.Of(name)}" : $"ignored unknown option {EchoedValue.Of(name)} {EchoedValue.Of(value)}");
                continue;
            }

            if (option == Option.Pkl)
            {
                return A0ParseResult.Failure(
                    "--pkl is not supported: pickled code bundles are a Python feature; .NET tasks ship as a --tgz code bundle",
                    warnings);
            }

            if (value is null)
            {
                if (i + 1 >= args.Count || LooksLikeOption(args[i + 1]))
                {
                    return A0ParseResult.Failure($"{name} needs a value: {name} <value> or {name}=<value>", warnings);
                }
                value = args[++i];
            }

            if (given[(int)option] is not null)
            {
                warnings.Add($"{LongName(option)} given more than once; using the last value");
            }
            given[(int)option] = value;

            if (option == Option.Resolver)
            {
                // Everything after the resolver name belongs to the resolver, options included.
                resolverArgs = Slice(args, i + 1);
                break;
            }
        }

        return Build(given, resolverArgs, getEnvironmentVariable, warnings);
    }

    private static A0ParseResult Build(
        string?[] given,
        IReadOnlyList<string> resolverArgs,
        Func<string, string?> getEnvironmentVariable,
        List<string> warnings)
    {
        string? Get(Option option, string? environmentVariable = null)
        {
            string? raw = given[(int)option];
            string? value = TemplateValue.Usable(raw);
            if (value is null && environmentVariable is not null)
            {
                value = TemplateValue.Usable(getEnvironmentVariable(environmentVariable));
            }
            // An empty or unsubstituted previous checkpoint is the normal first attempt.
            if (value is null && raw is not null && option != Option.PrevCheckpoint && TemplateValue.IsPlaceholder(raw))
            {
                warnings.Add(environmentVariable is null
                    ? $"{LongName(option)} arrived as the unsubstituted template '{EchoedValue.Of(raw)}'; treating it as absent"
                    : $"{LongName(option)} arrived as the unsubstituted template '{EchoedValue.Of(raw)}' and {environmentVariable} is not set; treating it as absent");
            }
            return value;
        }

        // Required values fail below with their own message, so they skip Get's warning.
        string? inputs = TemplateValue.Usable(given[(int)Option.Inputs]);
        string? outputsPath = TemplateValue.Usable(given[(int)Option.OutputsPath]);
        string? resolver = TemplateValue.Usable(given[(int)Option.Resolver]);
        if (inputs is null)
        {
            return A0ParseResult.Failure(Missing(Option.Inputs, given, "the location of inputs.pb, e.g. --inputs s3://bucket/run/a0/inputs.pb"), warnings);
        }
        if (outputsPath is null)
        {
            return A0ParseResult.Failure(Missing(Option.OutputsPath, given, "the prefix for outputs.pb, e.g. --outputs-path s3://bucket/run/a0/0"), warnings);
        }
        if (resolver is null)
        {
            return A0ParseResult.Failure(
                $"missing task reference: the command line must end with --resolver {DotnetResolver} {TaskReference.TaskKey} <Class.Method>",
                warnings);
        }
        if (resolver != DotnetResolver)
        {
            return A0ParseResult.Failure(
                $"--resolver '{EchoedValue.Of(resolver)}' is not a .NET resolver: use --resolver {DotnetResolver} {TaskReference.TaskKey} <Class.Method>",
                warnings);
        }
        if (!TaskReference.TryParse(resolverArgs, warnings, out string taskName, out string? assemblyName, out string taskError))
        {
            return A0ParseResult.Failure(taskError, warnings);
        }

        string? imageCacheTransport = Get(Option.ImageCache);
        Dictionary<string, string> imageCache = [];
        if (imageCacheTransport is not null && !ImageCache.TryDecode(imageCacheTransport, out imageCache, out string imageCacheError))
        {
            return A0ParseResult.Failure(imageCacheError, warnings);
        }

        var arguments = new A0Arguments
        {
            Inputs = inputs,
            OutputsPath = outputsPath,
            TaskName = taskName,
            AssemblyName = assemblyName,
            Resolver = resolver,
            ResolverArgs = resolverArgs,
            Version = Get(Option.Version),
            RunBaseDir = Get(Option.RunBaseDir, A0EnvironmentVariables.RunBase),
            RawDataPath = Get(Option.RawDataPath),
            CheckpointPath = Get(Option.CheckpointPath),
            PrevCheckpoint = Get(Option.PrevCheckpoint),
            ActionName = Get(Option.Name, A0EnvironmentVariables.ActionName),
            RunName = Get(Option.RunName, A0EnvironmentVariables.RunName),
            RunStartTime = ParseRunStartTime(Get(Option.RunStartTime), warnings),
            Project = Get(Option.Project, A0EnvironmentVariables.Project),
            Domain = Get(Option.Domain, A0EnvironmentVariables.Domain),
            Org = Get(Option.Org, A0EnvironmentVariables.Org),
            ImageCache = imageCache,
            ImageCacheTransport = imageCacheTransport,
            CodeBundle = Get(Option.Tgz),
            CodeBundleDestination = Get(Option.Dest),
            BundleCache = TemplateValue.Usable(getEnvironmentVariable(Flyte.Bundles.UnpackedBundleCache.Variable)),
            Controller = ControllerSettings.FromEnvironment(getEnvironmentVariable),
        };
        return A0ParseResult.Success(arguments, warnings);
    }

    private static string Missing(Option option, string?[] given, string expected)
    {
        string name = LongName(option);
        string? raw = given[(int)option];
        return raw is not null && TemplateValue.IsPlaceholder(raw)
            ? $"{name} arrived as the unsubstituted template '{EchoedValue.Of(raw)}': the executor must replace it with {expected}"
            : $"missing {name}: pass {expected}";
    }

    private static DateTimeOffset? ParseRunStartTime(string? value, List<string> warnings)
    {
        if (value is null)
        {
            return null;
        }
        if (Rfc3339.TryParse(value, out DateTimeOffset parsed))
        {
            return parsed;
        }
        warnings.Add($"--run-start-time '{EchoedValue.Of(value)}' is not an RFC 3339 time such as 2025-06-01T12:30:00Z; treating it as absent");
        return null;
    }

    // A value never starts with "--"; one that must can use the --option=value form.
    private static bool LooksLikeOption(string token) =>
        (token.Length > 2 && token.StartsWith("--", StringComparison.Ordinal))
        || (token.Length == 2 && token[0] == '-' && char.IsAsciiLetter(token[1]))
        || (token.Length > 2 && token[0] == '-' && token[2] == '=' && char.IsAsciiLetter(token[1]));

    private static string[] Slice(IReadOnlyList<string> args, int start)
    {
        var slice = new string[Math.Max(0, args.Count - start)];
        for (int i = 0; i < slice.Length; i++)
        {
            slice[i] = args[start + i];
        }
        return slice;
    }
}
