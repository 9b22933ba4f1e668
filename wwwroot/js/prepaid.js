// Small helpers the Blazor components call through JS interop.
window.prepaid = {
    setPreference: function (name, value) {
        document.cookie = name + "=" + encodeURIComponent(value) + "; path=/; max-age=31536000; samesite=lax";
    },

    // The wall's alarm sound: a two-tone chime every 2 seconds until the banner says everything is acknowledged.
    // Browsers may keep audio suspended until the first click or key on the page; a kiosk starts Chromium with
    // --autoplay-policy=no-user-gesture-required so that it sounds without anyone touching the screen.
    alarmSound: function (on) {
        var self = window.prepaid;
        self.alarmSoundOn = !!on;
        if (!on) {
            if (self.alarmTimer) { clearInterval(self.alarmTimer); self.alarmTimer = null; }
            return;
        }
        if (self.alarmTimer) { return; }
        var AudioContextType = window.AudioContext || window.webkitAudioContext;
        if (!AudioContextType) { return; }
        if (!self.audio) {
            self.audio = new AudioContextType();
            var resume = function () { if (self.audio.state === "suspended") { self.audio.resume(); } };
            document.addEventListener("click", resume);
            document.addEventListener("keydown", resume);
        }
        var chime = function () {
            var ctx = self.audio;
            if (ctx.state === "suspended") { ctx.resume(); }
            [880, 660].forEach(function (frequency, i) {
                var start = ctx.currentTime + i * 0.25;
                var osc = ctx.createOscillator();
                var gain = ctx.createGain();
                osc.type = "sine";
                osc.frequency.value = frequency;
                gain.gain.setValueAtTime(0.0001, start);
                gain.gain.exponentialRampToValueAtTime(0.4, start + 0.02);
                gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.22);
                osc.connect(gain).connect(ctx.destination);
                osc.start(start);
                osc.stop(start + 0.25);
            });
            self.alarmChimes = (self.alarmChimes || 0) + 1;
        };
        chime();
        self.alarmTimer = setInterval(chime, 2000);
    }
};
