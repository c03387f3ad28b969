
namespace Flyte.Remote.Auth;

/// <summary>
/// The token every call to one control plane carries: taken from the cache, renewed before it expires (with the
/// refresh token where there is one), and obtained anew when the server refuses it. One renewal runs at a time; calls
/// that wait for it share its result.
/// </summary>
internal sealed class TokenProvider
{
    private readonly IAuthFlow _flow;
    private readonly string _flowKey;
    private readonly Func<CancellationToken, Task<AuthServerInfo>> _discover;
    private readonly TokenEndpointClient _tokens;
    private readonly TokenCacheFile? _cache;
    private readonly SemaphoreSlim _renewal = new(1, 1);
    private bool _cacheRead;
    private bool _demanded;
    private AuthServerInfo? _server;
    private CachedToken? _current;

    /// <param name="eager">
    /// Get a token before the first call (an auth type is configured). Otherwise calls go without one until the
    /// server answers UNAUTHENTICATED (flyte-sdk's default Pkce, for a control plane that may need no auth at all).
    /// </param>
    public TokenProvider(IAuthFlow flow, string? clientId, Func<CancellationToken, Task<AuthServerInfo>> discover, TokenEndpointClient tokens, TokenCacheFile? cache, bool eager)
    {
        _flow = flow;
        _flowKey = $"{flow.Type}:{clientId}";
        _discover = discover;
        _tokens = tokens;
        _cache = cache;
        _demanded = eager;
    }

    public AuthType FlowType => _flow.Type;

    /// <summary>The credential for the next call, or null while no token is needed yet.</summary>
    public async ValueTask<CachedToken?> GetAsync(CancellationToken cancellationToken)
    {
        var current = Volatile.Read(ref _current);
        if (current is not null && !current.Token.NeedsRenewal(_tokens.Time.GetUtcNow()))
        {
            return current;
        }
        await _renewal.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_cacheRead)
            {
                _cacheRead = true;
                _current ??= _cache?.Read(_flowKey);
            }
            if (_current is { } cached && !cached.Token.NeedsRenewal(_tokens.Time.GetUtcNow()))
            {
                return cached;
            }
            if (_current is null && !_demanded)
            {
                return null;
            }
            try
            {
                return await RenewAsync(_current?.Token.RefreshToken, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested && _current is { Token.ExpiresAt: { } expires } still && expires > _tokens.Time.GetUtcNow())
            {
                // Renewal starts before expiry; until then a provider that cannot renew costs nothing.
                return still;
            }
        }
        finally
        {
            _renewal.Release();
        }
    }

    /// <summary>
    /// The server refused <paramref name="rejected"/> (null: the call carried none): a new token, unless another call
    /// already replaced that one.
    /// </summary>
    public async Task<CachedToken> RenewAfterRejectionAsync(string? rejected, CancellationToken cancellationToken)
    {
        await _renewal.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _demanded = true;
            if (_current is { } current && current.Token.AccessToken != rejected && !current.Token.NeedsRenewal(_tokens.Time.GetUtcNow()))
            {
                return current;
            }
            // A refused access token may still come with a good refresh token.
            return await RenewAsync(_current?.Token.RefreshToken, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _renewal.Release();
        }
    }

    /// <summary>Runs the flow from the start, whatever is cached (<c>flyte login</c>).</summary>
    public async Task<CachedToken> SignInAsync(CancellationToken cancellationToken)
    {
        await _renewal.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _demanded = true;
            _cacheRead = true;
            return await RenewAsync(refreshToken: null, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _renewal.Release();
        }
    }

    /// <summary>Forgets the cached tokens of this endpoint (<c>flyte logout</c>); true when there were any.</summary>
    public bool SignOut()
    {
        _renewal.Wait();
        try
        {
            _current = null;
            _cacheRead = true;
            return _cache?.Delete() ?? false;
        }
        finally
        {
            _renewal.Release();
        }
    }

    private async Task<CachedToken> RenewAsync(string? refreshToken, CancellationToken cancellationToken)
    {
        AuthServerInfo? server = null;
        if (_flow.NeedsAuthServer)
        {
            server = _server ??= await _discover(cancellationToken).ConfigureAwait(false);
        }
        TokenSet? token = null;
        if (refreshToken is not null)
        {
            token = await _flow.RefreshAsync(server, _tokens, refreshToken, cancellationToken).ConfigureAwait(false);
        }
        token ??= await _flow.AcquireAsync(server, _tokens, cancellationToken).ConfigureAwait(false);
        var renewed = new CachedToken(token, server?.HeaderKey ?? _current?.HeaderKey ?? AuthServerInfo.DefaultHeaderKey);
        Volatile.Write(ref _current, renewed);
        try
        {
            _cache?.Write(_flowKey, renewed);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The token works without the cache; the next process signs in again.
            Console.Error.WriteLine($"flyte: could not cache the token in {_cache?.Path} ({e.Message})");
        }
        return renewed;
    }
}
