using Flyte.Remote.Auth;
using System.Text.Json;

namespace Flyte.Runtime.Configuration;

/// <summary>Typed access to raw values; a value of the wrong type is a <see cref="FlyteConfigException"/> naming where it came from.</summary>
internal sealed class ConfigValues(IReadOnlyDictionary<ConfigKey, ConfigRawValue> values)
{
    private static readonly char[] ListSeparators = [' ', '\t', '\r', '\n', ','];
    private static readonly char[] CommandSeparators = [' ', '\t', '\r', '\n'];

    /// <summary>The text, or null when the key is unset or empty (empty means unset, as in flyte-sdk).</summary>
    public string? Text(ConfigKey key) =>
        values.TryGetValue(key, out var value) && value.Text is { Length: > 0 } text ? text : null;

    public bool? Boolean(ConfigKey key)
    {
        if (Text(key) is not { } text)
        {
            return null;
        }
        return text.ToLowerInvariant() switch
        {
            "true" or "yes" or "on" or "1" => true,
            "false" or "no" or "off" or "0" => false,
            _ => throw new FlyteConfigException($"{values[key].Origin} must be true or false, not '{EchoedValue.Of(text)}'."),
        };
    }

    /// <summary>The items of a list key; null when unset.</summary>
    public IReadOnlyList<string>? List(ConfigKey key)
    {
        if (!values.TryGetValue(key, out var value))
        {
            return null;
        }
        if (value.Items is { } items)
        {
            return items;
        }
        var text = value.Text?.Trim() ?? "";
        if (text.StartsWith('['))
        {
            return JsonArrayOfStrings(text, value.Origin);
        }
        var separators = key.Kind == ConfigValueKind.Command ? CommandSeparators : ListSeparators;
        return text.Split(separators, StringSplitOptions.RemoveEmptyEntries);
    }

    public AuthType? AuthType(ConfigKey key)
    {
        if (Text(key) is not { } text)
        {
            return null;
        }
        // "ClientSecret", "clientsecret" and "client_secret" all name the same flow.
        var wanted = text.Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        foreach (var authType in Enum.GetValues<AuthType>())
        {
            if (string.Equals(authType.ToString(), wanted, StringComparison.OrdinalIgnoreCase))
            {
                return authType;
            }
        }
        throw new FlyteConfigException(
            $"{values[key].Origin} is '{EchoedValue.Of(text)}', not an auth type; use one of {string.Join(", ", Enum.GetNames<AuthType>())}.");
    }

    /// <summary><c>grpc</c> or <c>grpc-web</c> (also <c>grpcweb</c>, <c>grpc_web</c>).</summary>
    public Remote.RemoteTransport? Transport(ConfigKey key)
    {
        if (Text(key) is not { } text)
        {
            return null;
        }
        return Remote.RemoteTransportNames.Parse(text)
            ?? throw new FlyteConfigException($"{values[key].Origin} is '{EchoedValue.Of(text)}', not a transport; use grpc (HTTP/2, the default) or grpc-web (HTTP/1.1 ingresses).");
    }

    /// <summary>The endpoint, checked to be in a form flyte-sdk accepts.</summary>
    public string? Endpoint(ConfigKey key)
    {
        if (Text(key) is not { } text)
        {
            return null;
        }
        if (FlyteEndpoint.Problem(text) is { } problem)
        {
            throw new FlyteConfigException($"{values[key].Origin} is not a valid endpoint: {problem}.");
        }
        return text;
    }

    private static string[] JsonArrayOfStrings(string text, string origin)
    {
        try
        {
            using var json = JsonDocument.Parse(text);
            if (json.RootElement.ValueKind == JsonValueKind.Array
                && json.RootElement.EnumerateArray().All(item => item.ValueKind == JsonValueKind.String))
            {
                return json.RootElement.EnumerateArray().Select(item => item.GetString()!).ToArray();
            }
        }
        catch (JsonException)
        {
        }
        throw new FlyteConfigException($"{origin} starts with '[' but is not a JSON array of strings, such as [\"a\", \"b\"].");
    }
}
