using System.Security.Cryptography;
using Flyte.Devbox.Services;
using Flyteidl2.Dataproxy;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Flyte.Devbox.Storage;

/// <summary>
/// <c>flyteidl2.dataproxy.DataProxyService</c> over devbox storage: upload locations and download links as URLs that
/// the devbox signs and serves itself (<see cref="StorageEndpoints"/>), or presigned S3 URLs when the run data is in a
/// bucket (<see cref="S3BucketStorage"/>). The calls about runs (UploadInputs, GetActionData, TailLogs) are in
/// DataProxyServiceImpl.Runs.cs.
/// </summary>
public sealed partial class DataProxyServiceImpl : DataProxyService.DataProxyServiceBase
{
    public static readonly TimeSpan DefaultExpiry = TimeSpan.FromHours(1);
    public static readonly TimeSpan MaximumExpiry = TimeSpan.FromHours(24);

    private readonly DevboxStorage _storage;
    private readonly IArtifactLocator? _artifacts;
    private readonly TimeProvider _time;

    /// <summary>Over the folder <paramref name="store"/>, with URLs signed by <paramref name="urls"/>.</summary>
    /// <param name="artifacts">Resolves CreateDownloadLink requests to objects; without it CreateDownloadLink answers UNIMPLEMENTED.</param>
    /// <param name="runs">The runs, for the calls about them; without it those answer UNIMPLEMENTED.</param>
    public DataProxyServiceImpl(DevboxObjectStore store, SignedUrls urls, IArtifactLocator? artifacts = null, TimeProvider? time = null, Runs.RunBook? runs = null)
        : this(new FolderStorage(store, urls), artifacts, time, runs)
    {
    }

    /// <param name="artifacts">Resolves CreateDownloadLink requests to objects; without it CreateDownloadLink answers UNIMPLEMENTED.</param>
    /// <param name="runs">The runs, for the calls about them; without it those answer UNIMPLEMENTED.</param>
    [ActivatorUtilitiesConstructor]
    public DataProxyServiceImpl(DevboxStorage storage, IArtifactLocator? artifacts = null, TimeProvider? time = null, Runs.RunBook? runs = null)
    {
        _runs = runs;
        _storage = storage ?? throw new ArgumentNullException(nameof(storage));
        _artifacts = artifacts;
        _time = time ?? TimeProvider.System;
    }

    public override async Task<CreateUploadLocationResponse> CreateUploadLocation(CreateUploadLocationRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        Identifiers.Name(request.Project, "project");
        Identifiers.Name(request.Domain, "domain");
        if (string.IsNullOrEmpty(request.Filename))
        {
            throw InvalidArgument("filename is required: the name to store the upload under, e.g. fast<md5>.tar.gz");
        }
        Identifiers.RelativePath(request.Filename, "filename");
        if (request.FilenameRoot.Length > 0)
        {
            Identifiers.RelativePath(request.FilenameRoot, "filename_root");
        }
        if (request.ContentMd5.Length != MD5.HashSizeInBytes)
        {
            throw InvalidArgument(
                $"content_md5 must be the {MD5.HashSizeInBytes}-byte MD5 digest of the content, not {request.ContentMd5.Length} bytes");
        }
        var expiresAt = ExpiryFrom(request.ExpiresIn);

        var md5 = request.ContentMd5.ToByteArray();
        var path = DevboxObjectStore.UploadPath(request.Project, request.Domain, request.FilenameRoot, md5, request.Filename);
        var nativeUrl = _storage.NativeUrlOf(path);
        // The same content already there: the location is still returned, and the client may skip the PUT (a PUT
        // rewrites the same bytes). Other content is kept rather than overwritten, as Flyte's data proxy does.
        if (await _storage.Md5OfAsync(path, context.CancellationToken).ConfigureAwait(false) is { } existingMd5
            && !existingMd5.AsSpan().SequenceEqual(md5))
        {
            throw new RpcException(new Status(StatusCode.AlreadyExists,
                $"{nativeUrl} already exists with other content; upload under another filename or filename_root"));
        }

        var response = new CreateUploadLocationResponse
        {
            SignedUrl = await _storage.UploadUrlAsync(path, md5, expiresAt).ConfigureAwait(false),
            NativeUrl = nativeUrl,
            ExpiresAt = Timestamp.FromDateTimeOffset(expiresAt),
        };
        response.Headers.Add(StorageEndpoints.ContentMd5Header, Convert.ToBase64String(md5));
        return response;
    }

    public override async Task<CreateDownloadLinkResponse> CreateDownloadLink(CreateDownloadLinkRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        if (request.ArtifactType == ArtifactType.Unspecified)
        {
            throw InvalidArgument("artifact_type is required: ARTIFACT_TYPE_CODE_BUNDLE or ARTIFACT_TYPE_REPORT");
        }
        if (request.SourceCase == CreateDownloadLinkRequest.SourceOneofCase.None)
        {
            throw InvalidArgument("source is required: set action_attempt_id, app_id or task_id");
        }
        var expiresAt = ExpiryFrom(request.ExpiresIn);
        if (_artifacts is null)
        {
            throw new RpcException(new Status(StatusCode.Unimplemented, "this devbox cannot look up artifacts for download links yet"));
        }

        var nativeUrls = await _artifacts.FindAsync(request, context.CancellationToken).ConfigureAwait(false);
        if (nativeUrls.Count == 0)
        {
            throw new RpcException(new Status(StatusCode.NotFound, $"no {request.ArtifactType} artifact for {request.SourceCase} {SourceOf(request)}"));
        }
        var links = new PreSignedURLs { ExpiresAt = Timestamp.FromDateTimeOffset(expiresAt) };
        foreach (var nativeUrl in nativeUrls)
        {
            if (!_storage.TryGetRelativePath(nativeUrl, out var path))
            {
                throw new RpcException(new Status(StatusCode.Internal, $"the artifact {nativeUrl} is not in devbox storage ({_storage.Location})"));
            }
            if (!await _storage.ExistsAsync(nativeUrl, context.CancellationToken).ConfigureAwait(false))
            {
                throw new RpcException(new Status(StatusCode.NotFound, $"the artifact {nativeUrl} does not exist"));
            }
            links.SignedUrl.Add(await _storage.DownloadUrlAsync(path, expiresAt).ConfigureAwait(false));
        }
        return new CreateDownloadLinkResponse { PreSignedUrls = links };
    }

    /// <summary>When a URL asked for with <paramref name="expiresIn"/> expires: whole seconds, as signed URLs carry them.</summary>
    private DateTimeOffset ExpiryFrom(Duration? expiresIn)
    {
        var lifetime = DefaultExpiry;
        if (expiresIn is not null)
        {
            try
            {
                lifetime = expiresIn.ToTimeSpan();
            }
            catch (InvalidOperationException)
            {
                throw InvalidArgument($"expires_in {expiresIn} is not a valid duration");
            }
            if (lifetime <= TimeSpan.Zero)
            {
                throw InvalidArgument($"expires_in must be positive, not {lifetime}; leave it unset for {DefaultExpiry.TotalHours:0}h");
            }
            if (lifetime > MaximumExpiry)
            {
                throw InvalidArgument($"expires_in {lifetime} exceeds the maximum of {MaximumExpiry.TotalHours:0}h");
            }
        }
        long expires = (_time.GetUtcNow() + lifetime).ToUnixTimeSeconds();
        return DateTimeOffset.FromUnixTimeSeconds(expires);
    }

    private static string SourceOf(CreateDownloadLinkRequest request) => request.SourceCase switch
    {
        CreateDownloadLinkRequest.SourceOneofCase.ActionAttemptId => request.ActionAttemptId.ToString(),
        CreateDownloadLinkRequest.SourceOneofCase.AppId => request.AppId.ToString(),
        CreateDownloadLinkRequest.SourceOneofCase.TaskId => request.TaskId.ToString(),
        _ => "",
    };

    private static RpcException InvalidArgument(string message) => new(new Status(StatusCode.InvalidArgument, message));
}
