namespace Flyte.Build;

/// <summary>The command line of <c>flyte-build</c>, read.</summary>
internal sealed record BuildRequest(string AssemblyPath, string OutputDirectory, IReadOnlyList<string> ReferencePaths)
{
    public const string Usage = "usage: flyte-build <assembly> --out <folder> [--references <file with one path per line>]";

    public static BuildRequest Parse(IReadOnlyList<string> args)
    {
        string? assembly = null, output = null, references = null;
        for (int i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--out":
                    output = ValueAfter(args, ref i);
                    break;
                case "--references":
                    references = ValueAfter(args, ref i);
                    break;
                case var option when option.StartsWith('-'):
                    throw new ArtifactsException($"unknown option {option}; {Usage}");
                case var path when assembly is null:
                    assembly = path;
                    break;
                default:
                    throw new ArtifactsException($"more than one assembly given ({assembly}, {args[i]}); {Usage}");
            }
        }
        if (assembly is null || output is null)
        {
            throw new ArtifactsException(Usage);
        }
        string assemblyPath = Path.GetFullPath(assembly);
        if (!File.Exists(assemblyPath))
        {
            throw new ArtifactsException($"the assembly {assemblyPath} does not exist; build the project first");
        }
        return new BuildRequest(assemblyPath, Path.GetFullPath(output), ReadReferences(references));
    }

    private static string ValueAfter(IReadOnlyList<string> args, ref int i)
    {
        if (i + 1 >= args.Count)
        {
            throw new ArtifactsException($"{args[i]} needs a value; {Usage}");
        }
        return args[++i];
    }

    private static string[] ReadReferences(string? file)
    {
        if (file is null)
        {
            return [];
        }
        if (!File.Exists(file))
        {
            throw new ArtifactsException($"the references file {file} does not exist");
        }
        return File.ReadAllLines(file).Where(line => line.Length > 0).ToArray();
    }
}
