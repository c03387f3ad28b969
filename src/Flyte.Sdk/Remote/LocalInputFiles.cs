using Flyte.Storage;
using Flyteidl2.Core;

namespace Flyte.Remote;

/// <summary>
/// The local files and folders among a run's inputs: blob literals (FlyteFile, FlyteDirectory, also inside lists, maps and
/// optionals) whose URI is a plain path or <c>file://</c>. They are found in a copy of the inputs; <see cref="UploadAsync"/>
/// uploads them and points the copy's blobs at the uploads, since a task on the control plane cannot read this machine's
/// disk. Blobs with another scheme (<c>s3://</c>, <c>gs://</c>, …) are in object storage already and stay as they are.
/// </summary>
internal sealed class LocalInputFiles
{
    private readonly IReadOnlyList<LocalBlob> _blobs;

    private LocalInputFiles(LiteralMap inputs, IReadOnlyList<LocalBlob> blobs)
    {
        Inputs = inputs;
        _blobs = blobs;
    }

    /// <summary>The inputs to send: a copy of those given, with remote URIs once <see cref="UploadAsync"/> has run.</summary>
    public LiteralMap Inputs { get; }

    /// <summary>Finds the local paths in <paramref name="inputs"/> (left unchanged) and checks that each exists, sending nothing.</summary>
    /// <exception cref="FlyteRemoteException">A local path does not exist, or is a file where a folder is expected or the other way round.</exception>
    public static LocalInputFiles Find(LiteralMap inputs)
    {
        var copy = inputs.Clone();
        var blobs = new List<LocalBlob>();
        foreach (var (name, literal) in copy.Literals.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            Collect(name, literal, blobs);
        }
        return new LocalInputFiles(copy, blobs);
    }

    /// <summary>Uploads every local file and folder found (a path given twice, once) and puts the remote URIs into <see cref="Inputs"/>.</summary>
    public async Task UploadAsync(FlyteRemote remote, CancellationToken cancellationToken)
    {
        var uploaded = new Dictionary<(string Path, bool IsDirectory), string>();
        foreach (var local in _blobs)
        {
            if (!uploaded.TryGetValue((local.Path, local.IsDirectory), out string? uri))
            {
                uri = local.IsDirectory
                    ? await InputFileUpload.UploadDirectoryAsync(remote, local.Path, cancellationToken).ConfigureAwait(false)
                    : await InputFileUpload.UploadFileAsync(remote, local.Path, cancellationToken).ConfigureAwait(false);
                uploaded[(local.Path, local.IsDirectory)] = uri;
            }
            local.Blob.Uri = uri;
        }
    }

    /// <param name="input">The input's name, with the position inside it for an item of a list or map: <c>files[2]</c>.</param>
    private static void Collect(string input, Literal literal, List<LocalBlob> blobs)
    {
        switch (literal.ValueCase)
        {
            case Literal.ValueOneofCase.Scalar when literal.Scalar.Blob is { } blob:
                if (LocalPathOf(input, blob) is { } local)
                {
                    blobs.Add(local);
                }
                break;
            case Literal.ValueOneofCase.Scalar when literal.Scalar.Union?.Value is { } value:
                Collect(input, value, blobs);
                break;
            case Literal.ValueOneofCase.Collection:
                for (int i = 0; i < literal.Collection.Literals.Count; i++)
                {
                    Collect($"{input}[{i}]", literal.Collection.Literals[i], blobs);
                }
                break;
            case Literal.ValueOneofCase.Map:
                foreach (var (key, item) in literal.Map.Literals.OrderBy(pair => pair.Key, StringComparer.Ordinal))
                {
                    Collect($"{input}[\"{key}\"]", item, blobs);
                }
                break;
        }
    }

    private static LocalBlob? LocalPathOf(string input, Blob blob)
    {
        bool isDirectory = blob.Metadata?.Type?.Dimensionality == BlobType.Types.BlobDimensionality.Multipart;
        string what = isDirectory ? "folder" : "file";
        string uri = blob.Uri;
        string? scheme = ObjectStores.SchemeOf(uri);
        if (scheme is not null && !scheme.Equals(ObjectStores.FileScheme, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        if (uri.Length == 0)
        {
            throw new FlyteRemoteException($"input {input}: the {what} path is empty; give a local {what} or a URI in object storage (s3://…)");
        }
        string path;
        if (scheme is null)
        {
            path = Path.GetFullPath(uri);
        }
        else if (Uri.TryCreate(uri, UriKind.Absolute, out var parsed) && parsed.IsFile && string.IsNullOrEmpty(parsed.Host))
        {
            path = Path.GetFullPath(parsed.LocalPath);
        }
        else
        {
            throw new FlyteRemoteException($"input {input}: {uri} is not a valid file:// URI; give a local {what} path or a URI in object storage (s3://…)");
        }

        bool exists = isDirectory ? Directory.Exists(path) : File.Exists(path);
        if (!exists)
        {
            string problem = (isDirectory ? File.Exists(path) : Directory.Exists(path)) ? $"is a {(isDirectory ? "file" : "folder")}, not a {what}" : "does not exist";
            throw new FlyteRemoteException(
                $"input {input}: the local {what} {path} {problem}; a remote run uploads local {what}s first, so give an existing one or a URI in object storage (s3://…)");
        }
        return new LocalBlob(blob, path, isDirectory);
    }

    /// <summary>A blob of the copied inputs whose URI is the local <paramref name="Path"/>.</summary>
    private sealed record LocalBlob(Blob Blob, string Path, bool IsDirectory);
}
