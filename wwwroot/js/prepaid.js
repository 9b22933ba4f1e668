// Small helpers the Blazor components call through JS interop.
window.prepaid = {
    setPreference: function (name, value) {
        document.cookie = name + "=" + encodeURIComponent(value) + "; path=/; max-age=31536000; samesite=lax";
    }
};
