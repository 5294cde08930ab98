"""What placeholder hosts say: web-server and hosting-panel default pages, "coming soon"
pages, for-sale and parking landers, registrar pages (data for
:mod:`linkprospector.judge.placeholders`; lower-cased literals, found with ``in``).

Markers only make a candidate: a host is a placeholder when every path answers the same
page (the probe shows it) *and* the page carries one of these."""

from __future__ import annotations

#: (name, literals). Tried in order; the first group with a literal present wins.
PLACEHOLDER_MARKERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "server_default",
        (
            "welcome to nginx!", "welcome to openresty!", "welcome to tengine!",
            "apache2 debian default page", "apache2 ubuntu default page",
            "it works! apache", "test page for the apache http server",
            "apache http server test page", "http server test page powered by",
            "iis windows server", "internet information services",
            "has not put up any web pages yet", "placeholder page",
            "default web site page", "defaultwebpage.cgi", "domain default page",
            "this is a default webpage generated", "default page for this domain",
            "web server's default page", "the default welcome page",
            "welcome to caddy", "caddy works!", "congratulations! your website is live",
            "这是默认index.html", "本页面由系统自动生成", "this is the default index.html",
        ),
    ),
    (
        "for_sale",
        (
            "domain is for sale", "domain name is for sale", "domain may be for sale",
            "diese domain steht zum verkauf", "diese domain ist zu verkaufen", "domain kaufen",
            "domain zu verkaufen", "ce domaine est à vendre", "ce nom de domaine est à vendre",
            "domaine à vendre", "este dominio está en venta", "dominio en venta",
            "este dominio se vende", "dominio in vendita", "domínio à venda",
            "este domínio está à venda", "dit domein is te koop", "domein te koop",
            "domena na sprzedaż", "ta domena jest na sprzedaż", "doména na prodej",
            "домен продается", "домен продаётся", "этот домен продается", "купить домен",
            "домен выставлен на продажу", "此域名出售", "域名出售", "该域名正在出售",
            "购买此域名", "域名转让", "此網域出售", "このドメインは販売中", "ドメイン販売中",
            "이 도메인은 판매", "bu alan adı satılık", "satılık alan adı", "satılık domain",
            "هذا النطاق للبيع", "این دامنه فروشی است", "domain ini dijual",
            "tên miền này đang được bán", "tên miền đang được rao bán", "โดเมนนี้ขาย",
            "this domain is parked", "domain parking", "parked domain",
        ),
    ),
    (
        "registrar",
        (
            "this domain has expired", "domain has expired", "domain name has expired",
            "this domain name has expired", "recently registered", "has just been registered",
            "future home of something quite cool", "this domain is registered at",
            "is registered, but may still be available",
            "domain is registered with", "domain has been registered via",
            "domain is pending renewal", "renew this domain", "domain is not configured",
            "no website has been configured", "account has been suspended",
            "diese domain wurde registriert", "domain im kundenauftrag registriert",
            "diese domain ist reserviert", "ce domaine a été enregistré", "dominio registrado",
            "срок регистрации домена", "домен зарегистрирован", "домен не настроен",
            "该域名已过期", "域名已过期", "该域名已到期", "ドメインの有効期限", "有効期限が切れ",
            "도메인이 만료", "domain telah kedaluwarsa", "tên miền đã hết hạn",
        ),
    ),
    (
        "coming_soon",
        (
            "coming soon", "under construction", "launching soon", "under development",
            "site is under development",
            "website is under development", "site en construction", "bientôt disponible",
            "en construcción", "en construccion", "próximamente", "im aufbau", "demnächst",
            "in costruzione", "prossimamente", "em construção", "em breve", "in aanbouw",
            "binnenkort", "w budowie", "wkrótce", "в разработке", "на реконструкции",
            "скоро открытие", "в стадии разработки", "即将上线", "即将推出", "建设中", "建設中",
            "網站建置中", "敬请期待", "準備中", "工事中", "近日公開", "공사중", "준비중",
            "오픈 예정", "segera hadir", "dalam pengembangan", "sedang dibangun", "yakında",
            "yapım aşamasında", "sắp ra mắt", "đang xây dựng", "قريباً", "قريبا", "قيد الإنشاء",
            "به زودی", "در دست ساخت", "เร็วๆ นี้", "กำลังปรับปรุง",
        ),
    ),
)  # fmt: skip

#: Script assignments that send a reader elsewhere (reads such as ``location.pathname``
#: do not count): a lander that is only these is a redirect.
SCRIPT_REDIRECTS = (
    "location.href=",
    "location.href =",
    "location.replace(",
    "location.assign(",
    "window.location=",
    "window.location =",
    "document.location=",
    "document.location =",
    "top.location=",
    "top.location =",
)
#: Mount points of script-built apps: a shell with one of these is an app, not a lander.
APP_ROOTS = ('id="root"', "id='root'", 'id="app"', "id='app'", 'id="__next"', 'id="__nuxt"',
             "ng-app", "ng-version", 'id="svelte"', "data-reactroot")  # fmt: skip
