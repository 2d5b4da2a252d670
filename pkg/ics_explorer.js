let IcsExplorerWasm = (function(exports) {
    let script_src;
    if (typeof document !== 'undefined' && document.currentScript !== null) {
        script_src = new URL(document.currentScript.src, location.href).toString();
    }

    /**
     * A mounted explorer, returned to JavaScript.
     */
    class Explorer {
        static __wrap(ptr) {
            const obj = Object.create(Explorer.prototype);
            obj.__wbg_ptr = ptr;
            ExplorerFinalization.register(obj, obj.__wbg_ptr, obj);
            return obj;
        }
        __destroy_into_raw() {
            const ptr = this.__wbg_ptr;
            this.__wbg_ptr = 0;
            ExplorerFinalization.unregister(this);
            return ptr;
        }
        free() {
            const ptr = this.__destroy_into_raw();
            wasm.__wbg_explorer_free(ptr, 0);
        }
        /**
         * For the test suite only: forces a failure to show how the page copes. "engine" asks the engine for a
         * period that does not exist (an engine error: the page shows why and stays usable); "panic" panics (the
         * panic hook shows the error panel).
         * @param {string} kind
         */
        __failForTest(kind) {
            const ptr0 = passStringToWasm0(kind, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
            const len0 = WASM_VECTOR_LEN;
            wasm.explorer___failForTest(this.__wbg_ptr, ptr0, len0);
        }
        /**
         * Removes the explorer's listeners, observer and content.
         */
        destroy() {
            wasm.explorer_destroy(this.__wbg_ptr);
        }
        /**
         * The funnel plot of an indicator with a numerator and a denominator, as a plain object: `{indicator, period,
         * method, centre, centre_source, points: [{code, name, value, numerator, denominator, z, z_adjusted, p95,
         * p998, adjusted95, adjusted998, estimate, ..}], limits, adjusted_limits, dispersion: {phi, tau2, k, ..},
         * notes}`. Takes the query object `query` takes (`indicator` required; `overdispersion`: "none", "phi" or
         * "tau"). Throws for an indicator without counts, saying which have them.
         * @param {any} query
         * @returns {any}
         */
        funnel(query) {
            const ret = wasm.explorer_funnel(this.__wbg_ptr, query);
            if (ret[2]) {
                throw takeFromExternrefTable0(ret[1]);
            }
            return takeFromExternrefTable0(ret[0]);
        }
        /**
         * The 42 ICSs (codes, names, region index), as plain objects.
         * @returns {any}
         */
        icss() {
            const ret = wasm.explorer_icss(this.__wbg_ptr);
            if (ret[2]) {
                throw takeFromExternrefTable0(ret[1]);
            }
            return takeFromExternrefTable0(ret[0]);
        }
        /**
         * Every indicator's metadata, as plain objects.
         * @returns {any}
         */
        indicators() {
            const ret = wasm.explorer_indicators(this.__wbg_ptr);
            if (ret[2]) {
                throw takeFromExternrefTable0(ret[1]);
            }
            return takeFromExternrefTable0(ret[0]);
        }
        /**
         * The problems found in the settings given to `mount`, as `[{setting, message}]` (once: the loader
         * reports them).
         * @returns {any}
         */
        problems() {
            const ret = wasm.explorer_problems(this.__wbg_ptr);
            return ret;
        }
        /**
         * Runs an engine query and returns the result as a plain object. Read-only: it does not change the page.
         * The query is a plain object: `{indicator, period, selected, regions: [..], population, deprivation, view,
         * axis, weighted, include_flagged, hide_estimates, base_period, overdispersion, peers: {basis, k,
         * log_population, region}}`;
         * only `indicator` is required. Every value carries `estimate` (true for an apportioned estimate).
         * @param {any} query
         * @returns {any}
         */
        query(query) {
            const ret = wasm.explorer_query(this.__wbg_ptr, query);
            if (ret[2]) {
                throw takeFromExternrefTable0(ret[1]);
            }
            return takeFromExternrefTable0(ret[0]);
        }
        /**
         * Selects an ICS by code (E54…, Q..), or clears the selection with an empty string. Throws for a code that
         * is not an ICS, leaving the selection as it was.
         * @param {string} code
         */
        select(code) {
            const ptr0 = passStringToWasm0(code, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
            const len0 = WASM_VECTOR_LEN;
            const ret = wasm.explorer_select(this.__wbg_ptr, ptr0, len0);
            if (ret[1]) {
                throw takeFromExternrefTable0(ret[0]);
            }
        }
        /**
         * Changes settings of the running explorer (an attribute changed, or `setState`): an object of setting
         * names and values as for `mount`, `null` for one removed. Returns their problems, as `problems()`.
         * @param {any} settings
         * @returns {any}
         */
        set(settings) {
            const ret = wasm.explorer_set(this.__wbg_ptr, settings);
            return ret;
        }
        /**
         * A promise that resolves once the view the settings (or a link) asked for is shown: at once, or when the
         * edition it needed has loaded (or failed to). It resolves to the problems found in settings applied
         * then, as `problems()`.
         * @returns {Promise<any>}
         */
        settled() {
            const ret = wasm.explorer_settled(this.__wbg_ptr);
            return ret;
        }
        /**
         * An SPC chart (NHS England's Making Data Count), read-only: `{indicator, ics, baseline: 'FROM..TO', run,
         * screen, include_flagged, hide_estimates, geography, imd}`, only `indicator` required. Returns `{spc,
         * summary}`: the ICS's chart (`null` without `ics`) and every ICS's latest variation, each with its text.
         * @param {any} o
         * @returns {any}
         */
        spc(o) {
            const ret = wasm.explorer_spc(this.__wbg_ptr, o);
            if (ret[2]) {
                throw takeFromExternrefTable0(ret[1]);
            }
            return takeFromExternrefTable0(ret[0]);
        }
        /**
         * The current view as a URL-hash string (without '#').
         * @returns {string}
         */
        stateHash() {
            let deferred1_0;
            let deferred1_1;
            try {
                const ret = wasm.explorer_stateHash(this.__wbg_ptr);
                deferred1_0 = ret[0];
                deferred1_1 = ret[1];
                return getStringFromWasm0(ret[0], ret[1]);
            } finally {
                wasm.__wbindgen_free(deferred1_0, deferred1_1, 1);
            }
        }
    }
    if (Symbol.dispose) Explorer.prototype[Symbol.dispose] = Explorer.prototype.free;
    exports.Explorer = Explorer;

    /**
     * Runs the full LSOA → ICS aggregation on the stored table (every decile of every index, by LSOAs, residents,
     * children and older people, plus the weighted score sums) and returns a checksum: residents in IMD decile 1
     * plus the population-weighted IMD score sum, over all ICSs.
     * @returns {number}
     */
    function benchAggregate() {
        const ret = wasm.benchAggregate();
        return ret;
    }
    exports.benchAggregate = benchAggregate;

    /**
     * The real LSOA table the benchmark aggregates, as typed arrays: IMD 2019 on the 42 ICSs of July 2022 (`#g=icb22`),
     * the one edition with deciles of all 10 indices at LSOA level (IMD 2025 publishes 8, so its IDACI and IDAOPI
     * columns are 0). `dataset_json` is dataset.json's text, `edition_json` imd2019.json's. Returns {ics (the ICS's
     * index, 0 to 41), deciles: [10 × Uint8Array], population: [5 × Uint16Array], imd_score: Uint32Array
     * (thousandths), income, employment: Uint16Array (thousandths)}, or throws the reason.
     * @param {string} dataset_json
     * @param {string} edition_json
     * @returns {any}
     */
    function benchColumns(dataset_json, edition_json) {
        let ptr0, len0, ptr1, len1;
        try {
            ptr0 = passStringToWasm0(dataset_json, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
            len0 = WASM_VECTOR_LEN;
            ptr1 = passStringToWasm0(edition_json, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
            len1 = WASM_VECTOR_LEN;
        } catch (e) {
            if (ptr1) { wasm.__wbindgen_free(ptr1, len1 * 1, 1); }
            if (ptr0) { wasm.__wbindgen_free(ptr0, len0 * 1, 1); }
            throw e;
        }
        const ret = wasm.benchColumns(ptr0, len0, ptr1, len1);
        if (ret[2]) {
            throw takeFromExternrefTable0(ret[1]);
        }
        return takeFromExternrefTable0(ret[0]);
    }
    exports.benchColumns = benchColumns;

    /**
     * One step of reading the dataset, for timing its cost inside the wasm: `step` 0 parses `json` (any JSON text)
     * only; 1 loads it as the core file (parse, validate, decode every table, the LSOA table included); 2 does that
     * and then loads `edition` (an edition file's text) into it. Returns the LSOAs in the last edition loaded (0 for
     * step 0), or throws the reason.
     * @param {string} json
     * @param {string} edition
     * @param {number} step
     * @returns {number}
     */
    function benchLoad(json, edition, step) {
        const val3 = +step;
        let ptr0, len0, ptr1, len1;
        try {
            ptr0 = passStringToWasm0(json, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
            len0 = WASM_VECTOR_LEN;
            ptr1 = passStringToWasm0(edition, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
            len1 = WASM_VECTOR_LEN;
        } catch (e) {
            if (ptr1) { wasm.__wbindgen_free(ptr1, len1 * 1, 1); }
            if (ptr0) { wasm.__wbindgen_free(ptr0, len0 * 1, 1); }
            throw e;
        }
        const ret = wasm.benchLoad(ptr0, len0, ptr1, len1, val3);
        if (ret[2]) {
            throw takeFromExternrefTable0(ret[1]);
        }
        return ret[0] >>> 0;
    }
    exports.benchLoad = benchLoad;

    /**
     * Stores a table of `ics.len()` rows: `deciles` holds 10 columns one after another, `population` 5.
     * @param {Uint8Array | number[]} ics
     * @param {Uint8Array | number[]} deciles
     * @param {Uint16Array | number[]} population
     * @param {Uint32Array | number[]} imd_score
     * @param {Uint16Array | number[]} income
     * @param {Uint16Array | number[]} employment
     * @returns {number}
     */
    function benchSetTable(ics, deciles, population, imd_score, income, employment) {
        let ptr0, len0, ptr1, len1, ptr2, len2, ptr3, len3, ptr4, len4, ptr5, len5;
        try {
            ptr0 = passArray8ToWasm0(ics, wasm.__wbindgen_malloc);
            len0 = WASM_VECTOR_LEN;
            ptr1 = passArray8ToWasm0(deciles, wasm.__wbindgen_malloc);
            len1 = WASM_VECTOR_LEN;
            ptr2 = passArray16ToWasm0(population, wasm.__wbindgen_malloc);
            len2 = WASM_VECTOR_LEN;
            ptr3 = passArray32ToWasm0(imd_score, wasm.__wbindgen_malloc);
            len3 = WASM_VECTOR_LEN;
            ptr4 = passArray16ToWasm0(income, wasm.__wbindgen_malloc);
            len4 = WASM_VECTOR_LEN;
            ptr5 = passArray16ToWasm0(employment, wasm.__wbindgen_malloc);
            len5 = WASM_VECTOR_LEN;
        } catch (e) {
            if (ptr5) { wasm.__wbindgen_free(ptr5, len5 * 2, 2); }
            if (ptr4) { wasm.__wbindgen_free(ptr4, len4 * 2, 2); }
            if (ptr3) { wasm.__wbindgen_free(ptr3, len3 * 4, 4); }
            if (ptr2) { wasm.__wbindgen_free(ptr2, len2 * 2, 2); }
            if (ptr1) { wasm.__wbindgen_free(ptr1, len1 * 1, 1); }
            if (ptr0) { wasm.__wbindgen_free(ptr0, len0 * 1, 1); }
            throw e;
        }
        const ret = wasm.benchSetTable(ptr0, len0, ptr1, len1, ptr2, len2, ptr3, len3, ptr4, len4, ptr5, len5);
        if (ret[2]) {
            throw takeFromExternrefTable0(ret[1]);
        }
        return ret[0] >>> 0;
    }
    exports.benchSetTable = benchSetTable;

    /**
     * Mounts ICS Explorer into `root`, reading the dataset from `dataset_json` (the text of dataset.json).
     * `options` (an object, optional): `hash` (bool, or an attribute's text; default true: read and write the
     * URL hash), `base` (the
     * explorer folder's URL, for embed snippets) and `settings`, the embedder's settings as strings (`views`,
     * `compact`, `state`, `indicator`, `period`, `ics`, `region`, `view`: see `ui::settings`). With `hash`, a page
     * hash that is a view wins over the settings, which become the view an empty hash shows. The settings'
     * problems are kept for `problems()`.
     * On failure, throws an `Error` whose `problems` property lists every problem found, for the error panel.
     * @param {Element} root
     * @param {string} dataset_json
     * @param {any} options
     * @returns {Explorer}
     */
    function mount(root, dataset_json, options) {
        const ptr0 = passStringToWasm0(dataset_json, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
        const len0 = WASM_VECTOR_LEN;
        const ret = wasm.mount(root, ptr0, len0, options);
        if (ret[2]) {
            throw takeFromExternrefTable0(ret[1]);
        }
        return Explorer.__wrap(ret[0]);
    }
    exports.mount = mount;

    /**
     * Bytes of linear memory the wasm instance holds.
     * @returns {number}
     */
    function wasmMemoryBytes() {
        const ret = wasm.wasmMemoryBytes();
        return ret;
    }
    exports.wasmMemoryBytes = wasmMemoryBytes;
    function __wbg_get_imports() {
        const import0 = {
            __proto__: null,
            __wbg_Error_208446807d0d1e30: function(arg0, arg1) {
                const ret = Error(getStringFromWasm0(arg0, arg1));
                return ret;
            },
            __wbg_Number_ff192a72a0dcdf6d: function(arg0) {
                const ret = Number(arg0);
                return ret;
            },
            __wbg_String_8564e559799eccda: function(arg0, arg1) {
                const ret = String(arg1);
                const ptr1 = passStringToWasm0(ret, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
                const len1 = WASM_VECTOR_LEN;
                getDataViewMemory0().setInt32((arg0 >>> 0) + 4 * 1, len1, true);
                getDataViewMemory0().setInt32((arg0 >>> 0) + 4 * 0, ptr1, true);
            },
            __wbg___wbindgen_is_falsy_d864b623500ae65d: function(arg0) {
                const ret = !arg0;
                return ret;
            },
            __wbg___wbindgen_is_function_741ff2bb612836f5: function(arg0) {
                const ret = typeof(arg0) === 'function';
                return ret;
            },
            __wbg___wbindgen_is_null_c22311b1cc228e3a: function(arg0) {
                const ret = arg0 === null;
                return ret;
            },
            __wbg___wbindgen_is_object_8b968c3ab8e96595: function(arg0) {
                const val = arg0;
                const ret = typeof(val) === 'object' && val !== null;
                return ret;
            },
            __wbg___wbindgen_is_undefined_be5b34249ff1fc15: function(arg0) {
                const ret = arg0 === undefined;
                return ret;
            },
            __wbg___wbindgen_memory_17a1178bc3328ea3: function() {
                const ret = wasm.memory;
                return ret;
            },
            __wbg___wbindgen_number_get_934b640d0889af78: function(arg0, arg1) {
                const obj = arg1;
                const ret = typeof(obj) === 'number' ? obj : undefined;
                getDataViewMemory0().setFloat64((arg0 >>> 0) + 8 * 1, isLikeNone(ret) ? 0 : ret, true);
                getDataViewMemory0().setInt32((arg0 >>> 0) + 4 * 0, !isLikeNone(ret), true);
            },
            __wbg___wbindgen_string_get_7ce8eee7fd327545: function(arg0, arg1) {
                const obj = arg1;
                const ret = typeof(obj) === 'string' ? obj : undefined;
                var ptr1 = isLikeNone(ret) ? 0 : passStringToWasm0(ret, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
                var len1 = WASM_VECTOR_LEN;
                getDataViewMemory0().setInt32((arg0 >>> 0) + 4 * 1, len1, true);
                getDataViewMemory0().setInt32((arg0 >>> 0) + 4 * 0, ptr1, true);
            },
            __wbg___wbindgen_throw_4c88d8bf264fd984: function(arg0, arg1) {
                throw new Error(getStringFromWasm0(arg0, arg1));
            },
            __wbg__wbg_cb_unref_09736879a3f67559: function(arg0) {
                arg0._wbg_cb_unref();
            },
            __wbg_addEventListener_f2d27251d333a631: function() { return handleError(function (arg0, arg1, arg2, arg3, arg4) {
                arg0.addEventListener(getStringFromWasm0(arg1, arg2), arg3, arg4);
            }, arguments); },
            __wbg_appendChild_dbf7ad2f48413560: function() { return handleError(function (arg0, arg1) {
                const ret = arg0.appendChild(arg1);
                return ret;
            }, arguments); },
            __wbg_apply_e396930951a6ea37: function() { return handleError(function (arg0, arg1, arg2, arg3, arg4, arg5) {
                var v0 = getArrayJsValueFromWasm0(arg0, arg1);
                wasm.__wbindgen_free(arg0, arg1 * 4, 4);
                IcsExplorerDom.apply(v0, getArrayU32FromWasm0(arg2, arg3), getStringFromWasm0(arg4, arg5));
            }, arguments); },
            __wbg_body_5f971cbc6950ca4f: function(arg0) {
                const ret = arg0.body;
                return isLikeNone(ret) ? 0 : addToExternrefTable0(ret);
            },
            __wbg_buffer_0eaa216bac6b8749: function(arg0) {
                const ret = arg0.buffer;
                return ret;
            },
            __wbg_build_f3f420e00799f1ae: function() { return handleError(function (arg0, arg1, arg2, arg3, arg4) {
                const ret = IcsExplorerDom.build(arg0, getArrayU32FromWasm0(arg1, arg2), getStringFromWasm0(arg3, arg4));
                return ret;
            }, arguments); },
            __wbg_byteLength_fa48f24814f5ef46: function(arg0) {
                const ret = arg0.byteLength;
                return ret;
            },
            __wbg_call_40b008ba32f73991: function() { return handleError(function (arg0, arg1) {
                const ret = arg0.call(arg1);
                return ret;
            }, arguments); },
            __wbg_call_a410eb4b59ed5965: function() { return handleError(function (arg0, arg1, arg2) {
                const ret = arg0.call(arg1, arg2);
                return ret;
            }, arguments); },
            __wbg_call_fc92fee6137d452d: function() { return handleError(function (arg0, arg1, arg2, arg3) {
                const ret = arg0.call(arg1, arg2, arg3);
                return ret;
            }, arguments); },
            __wbg_childNodes_4a28c927bffc821b: function(arg0) {
                const ret = arg0.childNodes;
                return ret;
            },
            __wbg_click_c6eff13daacf9806: function(arg0) {
                arg0.click();
            },
            __wbg_clientWidth_269ea87f17b863bf: function(arg0) {
                const ret = arg0.clientWidth;
                return ret;
            },
            __wbg_closest_39824b16065066bc: function() { return handleError(function (arg0, arg1, arg2) {
                const ret = arg0.closest(getStringFromWasm0(arg1, arg2));
                return isLikeNone(ret) ? 0 : addToExternrefTable0(ret);
            }, arguments); },
            __wbg_contains_743aa7c94499c269: function(arg0, arg1) {
                const ret = arg0.contains(arg1);
                return ret;
            },
            __wbg_createElement_de4a31ed2fb252be: function() { return handleError(function (arg0, arg1, arg2) {
                const ret = arg0.createElement(getStringFromWasm0(arg1, arg2));
                return ret;
            }, arguments); },
            __wbg_createObjectURL_45693a1454d24dac: function() { return handleError(function (arg0, arg1) {
                const ret = URL.createObjectURL(arg1);
                const ptr1 = passStringToWasm0(ret, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
                const len1 = WASM_VECTOR_LEN;
                getDataViewMemory0().setInt32((arg0 >>> 0) + 4 * 1, len1, true);
                getDataViewMemory0().setInt32((arg0 >>> 0) + 4 * 0, ptr1, true);
            }, arguments); },
            __wbg_createTextNode_2b48c3fc75dfcc67: function(arg0, arg1, arg2) {
                const ret = arg0.createTextNode(getStringFromWasm0(arg1, arg2));
                return ret;
            },
            __wbg_dataTransfer_3f478a3e477952f6: function(arg0) {
                const ret = arg0.dataTransfer;
                return isLikeNone(ret) ? 0 : addToExternrefTable0(ret);
            },
            __wbg_disconnect_cfb0d06aca1c1b50: function(arg0) {
                arg0.disconnect();
            },
            __wbg_dispatchEvent_a2af00ffae37e129: function() { return handleError(function (arg0, arg1) {
                const ret = arg0.dispatchEvent(arg1);
                return ret;
            }, arguments); },
            __wbg_document_3b5c3071b43e97ee: function(arg0) {
                const ret = arg0.document;
                return isLikeNone(ret) ? 0 : addToExternrefTable0(ret);
            },
            __wbg_drawImage_bdebd1b8fdc58dc7: function() { return handleError(function (arg0, arg1, arg2, arg3) {
                arg0.drawImage(arg1, arg2, arg3);
            }, arguments); },
            __wbg_error_9b95f63d905893d2: function(arg0, arg1) {
                console.error(arg0, arg1);
            },
            __wbg_error_d1fc0193610e0e39: function(arg0) {
                console.error(arg0);
            },
            __wbg_files_2d8b9138ca028e2c: function(arg0) {
                const ret = arg0.files;
                return isLikeNone(ret) ? 0 : addToExternrefTable0(ret);
            },
            __wbg_firstChild_8ba00f6fe3423297: function(arg0) {
                const ret = arg0.firstChild;
                return isLikeNone(ret) ? 0 : addToExternrefTable0(ret);
            },
            __wbg_from_eac91875c8a5ffa4: function(arg0) {
                const ret = Array.from(arg0);
                return ret;
            },
            __wbg_getAttribute_c7b80d4010284561: function(arg0, arg1, arg2, arg3) {
                const ret = arg1.getAttribute(getStringFromWasm0(arg2, arg3));
                var ptr1 = isLikeNone(ret) ? 0 : passStringToWasm0(ret, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
                var len1 = WASM_VECTOR_LEN;
                getDataViewMemory0().setInt32((arg0 >>> 0) + 4 * 1, len1, true);
                getDataViewMemory0().setInt32((arg0 >>> 0) + 4 * 0, ptr1, true);
            },
            __wbg_getContext_d93f904b714852ae: function() { return handleError(function (arg0, arg1, arg2) {
                const ret = arg0.getContext(getStringFromWasm0(arg1, arg2));
                return isLikeNone(ret) ? 0 : addToExternrefTable0(ret);
            }, arguments); },
            __wbg_get_2080c49015e35254: function() { return handleError(function (arg0, arg1) {
                const ret = Reflect.get(arg0, arg1);
                return ret;
            }, arguments); },
            __wbg_get_955bde2b2fe2defa: function(arg0, arg1) {
                const ret = arg0[arg1 >>> 0];
                return isLikeNone(ret) ? 0 : addToExternrefTable0(ret);
            },
            __wbg_get_d7176cfb76d71114: function(arg0, arg1) {
                const ret = arg0[arg1 >>> 0];
                return ret;
            },
            __wbg_get_unchecked_e6325ad374eff861: function(arg0, arg1) {
                const ret = arg0[arg1 >>> 0];
                return ret;
            },
            __wbg_hasAttribute_3f271bd99815d507: function(arg0, arg1, arg2) {
                const ret = arg0.hasAttribute(getStringFromWasm0(arg1, arg2));
                return ret;
            },
            __wbg_hash_20c2dd23244d8e75: function() { return handleError(function (arg0, arg1) {
                const ret = arg1.hash;
                const ptr1 = passStringToWasm0(ret, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
                const len1 = WASM_VECTOR_LEN;
                getDataViewMemory0().setInt32((arg0 >>> 0) + 4 * 1, len1, true);
                getDataViewMemory0().setInt32((arg0 >>> 0) + 4 * 0, ptr1, true);
            }, arguments); },
            __wbg_history_7236bed7324e63c0: function() { return handleError(function (arg0) {
                const ret = arg0.history;
                return ret;
            }, arguments); },
            __wbg_insertBefore_10ab0c19b463c12b: function() { return handleError(function (arg0, arg1, arg2) {
                const ret = arg0.insertBefore(arg1, arg2);
                return ret;
            }, arguments); },
            __wbg_instanceof_ArrayBuffer_12cdaa4161423e6b: function(arg0) {
                let result;
                try {
                    result = arg0 instanceof ArrayBuffer;
                } catch (_) {
                    result = false;
                }
                const ret = result;
                return ret;
            },
            __wbg_instanceof_Blob_56431c8f5387c12d: function(arg0) {
                let result;
                try {
                    result = arg0 instanceof Blob;
                } catch (_) {
                    result = false;
                }
                const ret = result;
                return ret;
            },
            __wbg_instanceof_CanvasRenderingContext2d_72a60be8aaadecab: function(arg0) {
                let result;
                try {
                    result = arg0 instanceof CanvasRenderingContext2D;
                } catch (_) {
                    result = false;
                }
                const ret = result;
                return ret;
            },
            __wbg_instanceof_DragEvent_6f36525d948c6b32: function(arg0) {
                let result;
                try {
                    result = arg0 instanceof DragEvent;
                } catch (_) {
                    result = false;
                }
                const ret = result;
                return ret;
            },
            __wbg_instanceof_Element_05dbb22ded594343: function(arg0) {
                let result;
                try {
                    result = arg0 instanceof Element;
                } catch (_) {
                    result = false;
                }
                const ret = result;
                return ret;
            },
            __wbg_instanceof_FileList_d14f22835518961e: function(arg0) {
                let result;
                try {
                    result = arg0 instanceof FileList;
                } catch (_) {
                    result = false;
                }
                const ret = result;
                return ret;
            },
            __wbg_instanceof_HtmlAnchorElement_fee0a0613fd8e6aa: function(arg0) {
                let result;
                try {
                    result = arg0 instanceof HTMLAnchorElement;
                } catch (_) {
                    result = false;
                }
                const ret = result;
                return ret;
            },
            __wbg_instanceof_HtmlCanvasElement_89f280683e987b9e: function(arg0) {
                let result;
                try {
                    result = arg0 instanceof HTMLCanvasElement;
                } catch (_) {
                    result = false;
                }
                const ret = result;
                return ret;
            },
            __wbg_instanceof_Memory_5e105758fd5c05e5: function(arg0) {
                let result;
                try {
                    result = arg0 instanceof WebAssembly.Memory;
                } catch (_) {
                    result = false;
                }
                const ret = result;
                return ret;
            },
            __wbg_instanceof_Node_01bbf5179851b46b: function(arg0) {
                let result;
                try {
                    result = arg0 instanceof Node;
                } catch (_) {
                    result = false;
                }
                const ret = result;
                return ret;
            },
            __wbg_instanceof_Window_5cf453f5639aa1a2: function(arg0) {
                let result;
                try {
                    result = arg0 instanceof Window;
                } catch (_) {
                    result = false;
                }
                const ret = result;
                return ret;
            },
            __wbg_isArray_bcf1376d0d732d08: function(arg0) {
                const ret = Array.isArray(arg0);
                return ret;
            },
            __wbg_isSameNode_1eda96b84821596e: function(arg0, arg1) {
                const ret = arg0.isSameNode(arg1);
                return ret;
            },
            __wbg_is_2248ff2b575d60c7: function(arg0, arg1) {
                const ret = Object.is(arg0, arg1);
                return ret;
            },
            __wbg_item_5b70fe58b24cf84b: function(arg0, arg1) {
                const ret = arg0.item(arg1 >>> 0);
                return isLikeNone(ret) ? 0 : addToExternrefTable0(ret);
            },
            __wbg_lengthComputable_9183f225bad60e7a: function(arg0) {
                const ret = arg0.lengthComputable;
                return ret;
            },
            __wbg_length_9aab85334c5daf3f: function(arg0) {
                const ret = arg0.length;
                return ret;
            },
            __wbg_length_b03a0fabb109b1e9: function(arg0) {
                const ret = arg0.length;
                return ret;
            },
            __wbg_loaded_5231f88cef6d7e46: function(arg0) {
                const ret = arg0.loaded;
                return ret;
            },
            __wbg_location_7320782274fc691b: function(arg0) {
                const ret = arg0.location;
                return ret;
            },
            __wbg_mark_9dfe8e4ab2c5edb7: function() { return handleError(function (arg0, arg1) {
                const ret = performance.mark(getStringFromWasm0(arg0, arg1));
                return ret;
            }, arguments); },
            __wbg_name_f721590be23206c9: function(arg0, arg1) {
                const ret = arg1.name;
                const ptr1 = passStringToWasm0(ret, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
                const len1 = WASM_VECTOR_LEN;
                getDataViewMemory0().setInt32((arg0 >>> 0) + 4 * 1, len1, true);
                getDataViewMemory0().setInt32((arg0 >>> 0) + 4 * 0, ptr1, true);
            },
            __wbg_new_37eb45aaf5eeb820: function() {
                const ret = new Array();
                return ret;
            },
            __wbg_new_787b9fb330d55d78: function(arg0, arg1) {
                const ret = new Error(getStringFromWasm0(arg0, arg1));
                return ret;
            },
            __wbg_new_ba40181b3f24ac80: function(arg0, arg1) {
                try {
                    var state0 = {a: arg0, b: arg1};
                    var cb0 = (arg0, arg1) => {
                        const a = state0.a;
                        state0.a = 0;
                        try {
                            return wasm_bindgen__convert__closures_____invoke__ha75d28fc75ac40da(a, state0.b, arg0, arg1);
                        } finally {
                            state0.a = a;
                        }
                    };
                    const ret = new Promise(cb0);
                    return ret;
                } finally {
                    state0.a = 0;
                }
            },
            __wbg_new_bdf613c6b0b3d702: function() { return handleError(function (arg0) {
                const ret = new ResizeObserver(arg0);
                return ret;
            }, arguments); },
            __wbg_new_cd4348290afae586: function() {
                const ret = new Object();
                return ret;
            },
            __wbg_new_d259f84070c47acb: function() { return handleError(function () {
                const ret = new FileReader();
                return ret;
            }, arguments); },
            __wbg_new_d2b929834da740d3: function() { return handleError(function () {
                const ret = new Image();
                return ret;
            }, arguments); },
            __wbg_new_from_slice_1ed4a41a79189233: function(arg0, arg1) {
                const ret = new Uint16Array(getArrayU16FromWasm0(arg0, arg1));
                return ret;
            },
            __wbg_new_from_slice_3512352010266e02: function(arg0, arg1) {
                const ret = new Uint32Array(getArrayU32FromWasm0(arg0, arg1));
                return ret;
            },
            __wbg_new_from_slice_b8daf545a41c6aa0: function(arg0, arg1) {
                const ret = new Uint8Array(getArrayU8FromWasm0(arg0, arg1));
                return ret;
            },
            __wbg_new_with_event_init_dict_afa9822926033490: function() { return handleError(function (arg0, arg1, arg2) {
                const ret = new CustomEvent(getStringFromWasm0(arg0, arg1), arg2);
                return ret;
            }, arguments); },
            __wbg_new_with_str_sequence_and_options_ea4ce88081790553: function() { return handleError(function (arg0, arg1) {
                const ret = new Blob(arg0, arg1);
                return ret;
            }, arguments); },
            __wbg_nextSibling_91136dc7a8ec9b09: function(arg0) {
                const ret = arg0.nextSibling;
                return isLikeNone(ret) ? 0 : addToExternrefTable0(ret);
            },
            __wbg_nodeName_86fba089055ee899: function(arg0, arg1) {
                const ret = arg1.nodeName;
                const ptr1 = passStringToWasm0(ret, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
                const len1 = WASM_VECTOR_LEN;
                getDataViewMemory0().setInt32((arg0 >>> 0) + 4 * 1, len1, true);
                getDataViewMemory0().setInt32((arg0 >>> 0) + 4 * 0, ptr1, true);
            },
            __wbg_nodeType_5c5050c6571c3463: function(arg0) {
                const ret = arg0.nodeType;
                return ret;
            },
            __wbg_observe_0bd2cd721b4e32da: function(arg0, arg1) {
                arg0.observe(arg1);
            },
            __wbg_of_027eb15371aac932: function(arg0) {
                const ret = Array.of(arg0);
                return ret;
            },
            __wbg_ownerDocument_adefd47fd596fe80: function(arg0) {
                const ret = arg0.ownerDocument;
                return isLikeNone(ret) ? 0 : addToExternrefTable0(ret);
            },
            __wbg_parentElement_300cdd39ce1d95f8: function(arg0) {
                const ret = arg0.parentElement;
                return isLikeNone(ret) ? 0 : addToExternrefTable0(ret);
            },
            __wbg_parentNode_fe15bcc26df42856: function(arg0) {
                const ret = arg0.parentNode;
                return isLikeNone(ret) ? 0 : addToExternrefTable0(ret);
            },
            __wbg_pathname_19fb9627ab2b1180: function() { return handleError(function (arg0, arg1) {
                const ret = arg1.pathname;
                const ptr1 = passStringToWasm0(ret, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
                const len1 = WASM_VECTOR_LEN;
                getDataViewMemory0().setInt32((arg0 >>> 0) + 4 * 1, len1, true);
                getDataViewMemory0().setInt32((arg0 >>> 0) + 4 * 0, ptr1, true);
            }, arguments); },
            __wbg_preventDefault_cfb06b02e7406899: function(arg0) {
                arg0.preventDefault();
            },
            __wbg_pushState_2566fa2fdc918d38: function() { return handleError(function (arg0, arg1, arg2, arg3, arg4, arg5) {
                arg0.pushState(arg1, getStringFromWasm0(arg2, arg3), arg4 === 0 ? undefined : getStringFromWasm0(arg4, arg5));
            }, arguments); },
            __wbg_push_c9f4893fc209f768: function(arg0, arg1) {
                const ret = arg0.push(arg1);
                return ret;
            },
            __wbg_querySelectorAll_bd785907acdf7800: function() { return handleError(function (arg0, arg1, arg2) {
                const ret = arg0.querySelectorAll(getStringFromWasm0(arg1, arg2));
                return ret;
            }, arguments); },
            __wbg_readAsText_1a4367a0b3c18425: function() { return handleError(function (arg0, arg1) {
                arg0.readAsText(arg1);
            }, arguments); },
            __wbg_removeAttribute_735f25a801a701e1: function() { return handleError(function (arg0, arg1, arg2) {
                arg0.removeAttribute(getStringFromWasm0(arg1, arg2));
            }, arguments); },
            __wbg_removeChild_d2dc6fc1d6db896b: function() { return handleError(function (arg0, arg1) {
                const ret = arg0.removeChild(arg1);
                return ret;
            }, arguments); },
            __wbg_removeEventListener_cc543e35b1012a27: function() { return handleError(function (arg0, arg1, arg2, arg3, arg4) {
                arg0.removeEventListener(getStringFromWasm0(arg1, arg2), arg3, arg4 !== 0);
            }, arguments); },
            __wbg_replaceChild_38f28c8f3a073256: function() { return handleError(function (arg0, arg1, arg2) {
                const ret = arg0.replaceChild(arg1, arg2);
                return ret;
            }, arguments); },
            __wbg_replaceState_1dad4255f11a05e4: function() { return handleError(function (arg0, arg1, arg2, arg3, arg4, arg5) {
                arg0.replaceState(arg1, getStringFromWasm0(arg2, arg3), arg4 === 0 ? undefined : getStringFromWasm0(arg4, arg5));
            }, arguments); },
            __wbg_requestAnimationFrame_9ba49d36a19ca83c: function() { return handleError(function (arg0, arg1) {
                const ret = arg0.requestAnimationFrame(arg1);
                return ret;
            }, arguments); },
            __wbg_result_18db92cd0d0c3bf5: function() { return handleError(function (arg0) {
                const ret = arg0.result;
                return ret;
            }, arguments); },
            __wbg_revokeObjectURL_52940372bc4245cf: function() { return handleError(function (arg0, arg1) {
                URL.revokeObjectURL(getStringFromWasm0(arg0, arg1));
            }, arguments); },
            __wbg_scale_57e5c903fb153a90: function() { return handleError(function (arg0, arg1, arg2) {
                arg0.scale(arg1, arg2);
            }, arguments); },
            __wbg_search_b8ba44c19bb02b19: function() { return handleError(function (arg0, arg1) {
                const ret = arg1.search;
                const ptr1 = passStringToWasm0(ret, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
                const len1 = WASM_VECTOR_LEN;
                getDataViewMemory0().setInt32((arg0 >>> 0) + 4 * 1, len1, true);
                getDataViewMemory0().setInt32((arg0 >>> 0) + 4 * 0, ptr1, true);
            }, arguments); },
            __wbg_setAttribute_f75317b2b5cabfb4: function() { return handleError(function (arg0, arg1, arg2, arg3, arg4) {
                arg0.setAttribute(getStringFromWasm0(arg1, arg2), getStringFromWasm0(arg3, arg4));
            }, arguments); },
            __wbg_setTimeout_01207b745d9585ca: function() { return handleError(function (arg0, arg1) {
                const ret = arg0.setTimeout(arg1);
                return ret;
            }, arguments); },
            __wbg_setTimeout_9ef22b48643bd7de: function() { return handleError(function (arg0, arg1, arg2) {
                const ret = arg0.setTimeout(arg1, arg2);
                return ret;
            }, arguments); },
            __wbg_set_2793479888329cb6: function() { return handleError(function (arg0, arg1, arg2) {
                const ret = Reflect.set(arg0, arg1, arg2);
                return ret;
            }, arguments); },
            __wbg_set_bubbles_c575af63822ba0df: function(arg0, arg1) {
                arg0.bubbles = arg1 !== 0;
            },
            __wbg_set_capture_7526a72933d6e405: function(arg0, arg1) {
                arg0.capture = arg1 !== 0;
            },
            __wbg_set_composed_d7ec06c0693be3f1: function(arg0, arg1) {
                arg0.composed = arg1 !== 0;
            },
            __wbg_set_d2d33b52458e984a: function(arg0, arg1, arg2) {
                arg0[arg1 >>> 0] = arg2;
            },
            __wbg_set_detail_bf911f4f40441e17: function(arg0, arg1) {
                arg0.detail = arg1;
            },
            __wbg_set_download_8e0ceaaeb91cf778: function(arg0, arg1, arg2) {
                arg0.download = getStringFromWasm0(arg1, arg2);
            },
            __wbg_set_e4b9a833d288759a: function(arg0, arg1, arg2) {
                arg0[arg1] = arg2;
            },
            __wbg_set_height_ae0610d318c3428c: function(arg0, arg1) {
                arg0.height = arg1 >>> 0;
            },
            __wbg_set_hidden_7efdf3958dc524e5: function(arg0, arg1) {
                arg0.hidden = arg1 !== 0;
            },
            __wbg_set_href_0f986799cac24892: function(arg0, arg1, arg2) {
                arg0.href = getStringFromWasm0(arg1, arg2);
            },
            __wbg_set_once_ee3e8ed5823add1f: function(arg0, arg1) {
                arg0.once = arg1 !== 0;
            },
            __wbg_set_onerror_339f26d84d2bc688: function(arg0, arg1) {
                arg0.onerror = arg1;
            },
            __wbg_set_onload_41d00f0da207135a: function(arg0, arg1) {
                arg0.onload = arg1;
            },
            __wbg_set_onload_5ddf9ad234b8c847: function(arg0, arg1) {
                arg0.onload = arg1;
            },
            __wbg_set_onprogress_878664714e281c73: function(arg0, arg1) {
                arg0.onprogress = arg1;
            },
            __wbg_set_passive_ac655beafedbb0a5: function(arg0, arg1) {
                arg0.passive = arg1 !== 0;
            },
            __wbg_set_src_da602cd25f3603f8: function(arg0, arg1, arg2) {
                arg0.src = getStringFromWasm0(arg1, arg2);
            },
            __wbg_set_textContent_0177b2a6d9293c2c: function(arg0, arg1, arg2) {
                arg0.textContent = arg1 === 0 ? undefined : getStringFromWasm0(arg1, arg2);
            },
            __wbg_set_type_609b0cea6429d7bb: function(arg0, arg1, arg2) {
                arg0.type = getStringFromWasm0(arg1, arg2);
            },
            __wbg_set_width_5f89a551b5472887: function(arg0, arg1) {
                arg0.width = arg1 >>> 0;
            },
            __wbg_size_9d1084e29743663c: function(arg0) {
                const ret = arg0.size;
                return ret;
            },
            __wbg_static_accessor_GLOBAL_THIS_003ee833af9699fc: function() {
                const ret = typeof globalThis === 'undefined' ? undefined : globalThis;
                return isLikeNone(ret) ? 0 : addToExternrefTable0(ret);
            },
            __wbg_static_accessor_GLOBAL_e4293fb22cbe77da: function() {
                const ret = typeof global === 'undefined' ? undefined : global;
                return isLikeNone(ret) ? 0 : addToExternrefTable0(ret);
            },
            __wbg_static_accessor_SELF_53bb20457401453d: function() {
                const ret = typeof self === 'undefined' ? undefined : self;
                return isLikeNone(ret) ? 0 : addToExternrefTable0(ret);
            },
            __wbg_static_accessor_WINDOW_b5e0810bfecb7feb: function() {
                const ret = typeof window === 'undefined' ? undefined : window;
                return isLikeNone(ret) ? 0 : addToExternrefTable0(ret);
            },
            __wbg_target_e5cd9c7aa87dd8df: function(arg0) {
                const ret = arg0.target;
                return isLikeNone(ret) ? 0 : addToExternrefTable0(ret);
            },
            __wbg_toBlob_b35589a16fcf898c: function() { return handleError(function (arg0, arg1) {
                arg0.toBlob(arg1);
            }, arguments); },
            __wbg_top_f9b42d4bdc21c0ed: function() { return handleError(function (arg0) {
                const ret = arg0.top;
                return isLikeNone(ret) ? 0 : addToExternrefTable0(ret);
            }, arguments); },
            __wbg_total_d3f9c67a5880ff1b: function(arg0) {
                const ret = arg0.total;
                return ret;
            },
            __wbg_type_5f9ceabba7ef7a1a: function(arg0, arg1) {
                const ret = arg1.type;
                const ptr1 = passStringToWasm0(ret, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
                const len1 = WASM_VECTOR_LEN;
                getDataViewMemory0().setInt32((arg0 >>> 0) + 4 * 1, len1, true);
                getDataViewMemory0().setInt32((arg0 >>> 0) + 4 * 0, ptr1, true);
            },
            __wbindgen_generic_0000000000000001: function(arg0, arg1) {
                // Cast intrinsic for `Closure(Closure { owned: true, function: Function { arguments: [Externref], shim_idx: 1, ret: Unit, inner_ret: Some(Unit) }, mutable: true }) -> Externref`.
                const ret = makeMutClosure(arg0, arg1, wasm_bindgen__convert__closures_____invoke__h1f12e1d099a2ae87);
                return ret;
            },
            __wbindgen_generic_0000000000000002: function(arg0, arg1) {
                // Cast intrinsic for `Closure(Closure { owned: true, function: Function { arguments: [NamedExternref("ProgressEvent")], shim_idx: 3, ret: Unit, inner_ret: Some(Unit) }, mutable: true }) -> Externref`.
                const ret = makeMutClosure(arg0, arg1, wasm_bindgen__convert__closures_____invoke__h23fe5bd7a52de734);
                return ret;
            },
            __wbindgen_generic_0000000000000003: function(arg0, arg1) {
                // Cast intrinsic for `Closure(Closure { owned: true, function: Function { arguments: [Ref(NamedExternref("Event"))], shim_idx: 4, ret: Unit, inner_ret: Some(Unit) }, mutable: true }) -> Externref`.
                const ret = makeMutClosure(arg0, arg1, wasm_bindgen__convert__closures________invoke__h4ace75b8dac4d71e);
                return ret;
            },
            __wbindgen_generic_0000000000000004: function(arg0, arg1) {
                // Cast intrinsic for `Closure(Closure { owned: true, function: Function { arguments: [], shim_idx: 2, ret: Unit, inner_ret: Some(Unit) }, mutable: true }) -> Externref`.
                const ret = makeMutClosure(arg0, arg1, wasm_bindgen__convert__closures_____invoke__h20926283891045d2);
                return ret;
            },
            __wbindgen_generic_0000000000000005: function(arg0) {
                // Cast intrinsic for `F64 -> Externref`.
                const ret = arg0;
                return ret;
            },
            __wbindgen_generic_0000000000000006: function(arg0, arg1) {
                // Cast intrinsic for `Ref(String) -> Externref`.
                const ret = getStringFromWasm0(arg0, arg1);
                return ret;
            },
            __wbindgen_generic_0000000000000007: function(arg0) {
                // Cast intrinsic for `U64 -> Externref`.
                const ret = BigInt.asUintN(64, arg0);
                return ret;
            },
            __wbindgen_init_externref_table: function() {
                const table = wasm.__wbindgen_externrefs;
                table.set(0, undefined);
                table.set(1024, undefined);
                table.set(1025, null);
                table.set(1026, true);
                table.set(1027, false);
            },
        };
        return {
            __proto__: null,
            "./ics_explorer_bg.js": import0,
        };
    }

    function wasm_bindgen__convert__closures_____invoke__h20926283891045d2(arg0, arg1) {
        wasm.wasm_bindgen__convert__closures_____invoke__h20926283891045d2(arg0, arg1);
    }

    function wasm_bindgen__convert__closures_____invoke__h1f12e1d099a2ae87(arg0, arg1, arg2) {
        wasm.wasm_bindgen__convert__closures_____invoke__h1f12e1d099a2ae87(arg0, arg1, arg2);
    }

    function wasm_bindgen__convert__closures_____invoke__h23fe5bd7a52de734(arg0, arg1, arg2) {
        wasm.wasm_bindgen__convert__closures_____invoke__h23fe5bd7a52de734(arg0, arg1, arg2);
    }

    function wasm_bindgen__convert__closures________invoke__h4ace75b8dac4d71e(arg0, arg1, arg2) {
        wasm.wasm_bindgen__convert__closures________invoke__h4ace75b8dac4d71e(arg0, arg1, arg2);
    }

    function wasm_bindgen__convert__closures_____invoke__ha75d28fc75ac40da(arg0, arg1, arg2, arg3) {
        wasm.wasm_bindgen__convert__closures_____invoke__ha75d28fc75ac40da(arg0, arg1, arg2, arg3);
    }

    const ExplorerFinalization = (typeof FinalizationRegistry === 'undefined')
        ? { register: () => {}, unregister: () => {} }
        : new FinalizationRegistry(ptr => wasm.__wbg_explorer_free(ptr, 1));

    function addToExternrefTable0(obj) {
        const idx = wasm.__externref_table_alloc();
        wasm.__wbindgen_externrefs.set(idx, obj);
        return idx;
    }

    const CLOSURE_DTORS = (typeof FinalizationRegistry === 'undefined')
        ? { register: () => {}, unregister: () => {} }
        : new FinalizationRegistry(state => wasm.__wbindgen_destroy_closure(state.a, state.b));

    function getArrayJsValueFromWasm0(ptr, len) {
        ptr = ptr >>> 0;
        const mem = getDataViewMemory0();
        const result = [];
        for (let i = ptr; i < ptr + 4 * len; i += 4) {
            result.push(wasm.__wbindgen_externrefs.get(mem.getUint32(i, true)));
        }
        wasm.__externref_drop_slice(ptr, len);
        return result;
    }

    function getArrayU16FromWasm0(ptr, len) {
        ptr = ptr >>> 0;
        return getUint16ArrayMemory0().subarray(ptr / 2, ptr / 2 + len);
    }

    function getArrayU32FromWasm0(ptr, len) {
        ptr = ptr >>> 0;
        return getUint32ArrayMemory0().subarray(ptr / 4, ptr / 4 + len);
    }

    function getArrayU8FromWasm0(ptr, len) {
        ptr = ptr >>> 0;
        return getUint8ArrayMemory0().subarray(ptr / 1, ptr / 1 + len);
    }

    let cachedDataViewMemory0 = null;
    function getDataViewMemory0() {
        if (cachedDataViewMemory0 === null || cachedDataViewMemory0.buffer.detached === true || (cachedDataViewMemory0.buffer.detached === undefined && cachedDataViewMemory0.buffer !== wasm.memory.buffer)) {
            cachedDataViewMemory0 = new DataView(wasm.memory.buffer);
        }
        return cachedDataViewMemory0;
    }

    function getStringFromWasm0(ptr, len) {
        ptr = ptr >>> 0;
        return decodeText(getUint8ArrayMemory0().subarray(ptr, ptr + len));
    }

    let cachedUint16ArrayMemory0 = null;
    function getUint16ArrayMemory0() {
        if (cachedUint16ArrayMemory0 === null || cachedUint16ArrayMemory0.byteLength === 0) {
            cachedUint16ArrayMemory0 = new Uint16Array(wasm.memory.buffer);
        }
        return cachedUint16ArrayMemory0;
    }

    let cachedUint32ArrayMemory0 = null;
    function getUint32ArrayMemory0() {
        if (cachedUint32ArrayMemory0 === null || cachedUint32ArrayMemory0.byteLength === 0) {
            cachedUint32ArrayMemory0 = new Uint32Array(wasm.memory.buffer);
        }
        return cachedUint32ArrayMemory0;
    }

    let cachedUint8ArrayMemory0 = null;
    function getUint8ArrayMemory0() {
        if (cachedUint8ArrayMemory0 === null || cachedUint8ArrayMemory0.byteLength === 0) {
            cachedUint8ArrayMemory0 = new Uint8Array(wasm.memory.buffer);
        }
        return cachedUint8ArrayMemory0;
    }

    function handleError(f, args) {
        try {
            return f.apply(this, args);
        } catch (e) {
            const idx = addToExternrefTable0(e);
            wasm.__wbindgen_exn_store(idx);
        }
    }

    function isLikeNone(x) {
        return x === undefined || x === null;
    }

    function makeMutClosure(arg0, arg1, f) {
        const state = { a: arg0, b: arg1, cnt: 1 };
        const real = (...args) => {

            // First up with a closure we increment the internal reference
            // count. This ensures that the Rust closure environment won't
            // be deallocated while we're invoking it.
            state.cnt++;
            const a = state.a;
            state.a = 0;
            try {
                return f(a, state.b, ...args);
            } finally {
                state.a = a;
                real._wbg_cb_unref();
            }
        };
        real._wbg_cb_unref = () => {
            if (--state.cnt === 0) {
                wasm.__wbindgen_destroy_closure(state.a, state.b);
                state.a = 0;
                CLOSURE_DTORS.unregister(state);
            }
        };
        CLOSURE_DTORS.register(real, state, state);
        return real;
    }

    function passArray16ToWasm0(arg, malloc) {
        const ptr = malloc(arg.length * 2, 2) >>> 0;
        getUint16ArrayMemory0().set(arg, ptr / 2);
        WASM_VECTOR_LEN = arg.length;
        return ptr;
    }

    function passArray32ToWasm0(arg, malloc) {
        const ptr = malloc(arg.length * 4, 4) >>> 0;
        getUint32ArrayMemory0().set(arg, ptr / 4);
        WASM_VECTOR_LEN = arg.length;
        return ptr;
    }

    function passArray8ToWasm0(arg, malloc) {
        const ptr = malloc(arg.length * 1, 1) >>> 0;
        getUint8ArrayMemory0().set(arg, ptr / 1);
        WASM_VECTOR_LEN = arg.length;
        return ptr;
    }

    function passStringToWasm0(arg, malloc, realloc) {
        if (realloc === undefined) {
            const buf = cachedTextEncoder.encode(arg);
            const ptr = malloc(buf.length, 1) >>> 0;
            getUint8ArrayMemory0().subarray(ptr, ptr + buf.length).set(buf);
            WASM_VECTOR_LEN = buf.length;
            return ptr;
        }

        let len = arg.length;
        let ptr = malloc(len, 1) >>> 0;

        const mem = getUint8ArrayMemory0();

        let offset = 0;

        for (; offset < len; offset++) {
            const code = arg.charCodeAt(offset);
            if (code > 0x7F) break;
            mem[ptr + offset] = code;
        }
        if (offset !== len) {
            if (offset !== 0) {
                arg = arg.slice(offset);
            }
            ptr = realloc(ptr, len, len = offset + arg.length * 3, 1) >>> 0;
            const view = getUint8ArrayMemory0().subarray(ptr + offset, ptr + len);
            const ret = cachedTextEncoder.encodeInto(arg, view);

            offset += ret.written;
            ptr = realloc(ptr, len, offset, 1) >>> 0;
        }

        WASM_VECTOR_LEN = offset;
        return ptr;
    }

    function takeFromExternrefTable0(idx) {
        const value = wasm.__wbindgen_externrefs.get(idx);
        wasm.__externref_table_dealloc(idx);
        return value;
    }

    let cachedTextDecoder = new TextDecoder('utf-8', { ignoreBOM: true });
    cachedTextDecoder.decode();
    function decodeText(bytes) {
        return cachedTextDecoder.decode(bytes);
    }

    const cachedTextEncoder = new TextEncoder();

    if (!('encodeInto' in cachedTextEncoder)) {
        cachedTextEncoder.encodeInto = function (arg, view) {
            const buf = cachedTextEncoder.encode(arg);
            view.set(buf);
            return {
                read: arg.length,
                written: buf.length
            };
        };
    }

    let WASM_VECTOR_LEN = 0;

    let wasmModule, wasmInstance, wasm;
    function __wbg_finalize_init(instance, module) {
        wasmInstance = instance;
        wasm = instance.exports;
        wasmModule = module;
        cachedDataViewMemory0 = null;
        cachedUint16ArrayMemory0 = null;
        cachedUint32ArrayMemory0 = null;
        cachedUint8ArrayMemory0 = null;
        wasm.__wbindgen_start();
        return wasm;
    }

    async function __wbg_load(module, imports) {
        if (typeof Response === 'function' && module instanceof Response) {
            if (!module.ok) {
                throw new Error(`failed to fetch Wasm: ${module.status} ${module.statusText} fetching '${module.url}'`);
            }

            if (typeof WebAssembly.instantiateStreaming === 'function') {
                try {
                    return await WebAssembly.instantiateStreaming(module, imports);
                } catch (e) {
                    const validResponse = expectedResponseType(module.type);

                    if (validResponse && module.headers.get('Content-Type') !== 'application/wasm') {
                        console.warn("`WebAssembly.instantiateStreaming` failed because your server does not serve Wasm with `application/wasm` MIME type. Falling back to `WebAssembly.instantiate` which is slower. Original error:\n", e);

                    } else { throw e; }
                }
            }

            const bytes = await module.arrayBuffer();
            return await WebAssembly.instantiate(bytes, imports);
        } else {
            const instance = await WebAssembly.instantiate(module, imports);

            if (instance instanceof WebAssembly.Instance) {
                return { instance, module };
            } else {
                return instance;
            }
        }

        function expectedResponseType(type) {
            switch (type) {
                case 'basic': case 'cors': case 'default': return true;
            }
            return false;
        }
    }

    function initSync(module) {
        if (wasm !== undefined) return wasm;


        if (module !== undefined) {
            if (Object.getPrototypeOf(module) === Object.prototype) {
                ({module} = module)
            } else {
                console.warn('using deprecated parameters for `initSync()`; pass a single object instead')
            }
        }

        const imports = __wbg_get_imports();
        if (!(module instanceof WebAssembly.Module)) {
            module = new WebAssembly.Module(module);
        }
        const instance = new WebAssembly.Instance(module, imports);
        return __wbg_finalize_init(instance, module);
    }

    let __wbg_init_promise;
    async function __wbg_init(module_or_path) {
        if (wasm !== undefined) return wasm;
        if (__wbg_init_promise === undefined) {
            __wbg_init_promise = __wbg_init_once(module_or_path);
            __wbg_init_promise.catch(() => { __wbg_init_promise = undefined; });
        }
        return __wbg_init_promise;
    }

    async function __wbg_init_once(module_or_path) {

        if (module_or_path !== undefined) {
            if (Object.getPrototypeOf(module_or_path) === Object.prototype) {
                ({module_or_path} = module_or_path)
            } else {
                console.warn('using deprecated parameters for the initialization function; pass a single object instead')
            }
        }

        if (module_or_path === undefined && script_src !== undefined) {
            module_or_path = script_src.replace(/\.js$/, "_bg.wasm");
        }
        const imports = __wbg_get_imports();

        if (typeof module_or_path === 'string' || (typeof Request === 'function' && module_or_path instanceof Request) || (typeof URL === 'function' && module_or_path instanceof URL)) {
            module_or_path = fetch(module_or_path);
        }

        const { instance, module } = await __wbg_load(await module_or_path, imports);

        return __wbg_finalize_init(instance, module);
    }

    return Object.assign(__wbg_init, { initSync }, exports);
})({ __proto__: null });
// ICS Explorer's DOM writer, for crates/ics-web/src/dom.rs; scripts/build.sh appends it to pkg/ics_explorer.js.
// A render calls out of WebAssembly once per new subtree (`build`) and once for all the changes to the nodes that
// stay (`apply`), instead of once per element, attribute and text, each decoding its own strings. `strs` holds
// the strings one after another, their lengths (in UTF-16 units) in `ops`. It decides nothing: dom.rs works out
// what changes. It must never parse markup: text goes in as text and attributes with setAttribute, so no string
// can ever become script.
globalThis.IcsExplorerDom = {
  // `ops` holds the number of trees, then each tree in pre-order: a text node as [0, length]; an element as [1
  // (HTML) or 2 (SVG), tag length, attribute count, child count, then name and value lengths per attribute], its
  // children after it. Returns what to insert (the one tree, or a fragment holding them all), then every node made,
  // in pre-order, for dom.rs's Mirror.
  build: function (doc, ops, strs) {
    var i = 1, at = 0, made = [null];
    function str() {
      var s = strs.slice(at, at + ops[i]);
      at += ops[i++];
      return s;
    }
    function node() {
      var kind = ops[i++];
      if (kind === 0) {
        var t = doc.createTextNode(str());
        made.push(t);
        return t;
      }
      var tag = str();
      var el = kind === 2 ? doc.createElementNS('http://www.w3.org/2000/svg', tag) : doc.createElement(tag);
      made.push(el);
      var attrs = ops[i++], children = ops[i++], value = null;
      for (var a = 0; a < attrs; a++) {
        var name = str(), v = str();
        el.setAttribute(name, v);
        if (name === 'checked') el.checked = true;
        if (name === 'value' && value === null) value = v;
      }
      for (var c = 0; c < children; c++) el.appendChild(node());
      // Form controls show their value property, not the attribute: set it once the options exist.
      if (value !== null && (tag === 'input' || tag === 'select' || tag === 'textarea') && el.value !== value) el.value = value;
      return el;
    }
    if (ops[0] === 1) {
      made[0] = node();
    } else {
      made[0] = doc.createDocumentFragment();
      for (var r = 0; r < ops[0]; r++) made[0].appendChild(node());
    }
    return made;
  },
  // `ops` holds per node of `nodes` an operation and its strings' lengths: 0 text; 1 set an attribute (name,
  // value); 2 remove one (name); 3 a form control's value property, set when it differs (value); 4 take the node
  // out of the page (none).
  apply: function (nodes, ops, strs) {
    var i = 0, at = 0;
    function str() {
      var s = strs.slice(at, at + ops[i]);
      at += ops[i++];
      return s;
    }
    for (var n = 0; n < nodes.length; n++) {
      var node = nodes[n], op = ops[i++];
      if (op === 0) {
        node.textContent = str();
      } else if (op === 1) {
        var name = str();
        node.setAttribute(name, str());
        if (name === 'checked') node.checked = true;
      } else if (op === 2) {
        var gone = str();
        node.removeAttribute(gone);
        if (gone === 'checked') node.checked = false;
      } else if (op === 3) {
        var v = str();
        if (node.value !== v) node.value = v;
      } else {
        node.remove();
      }
    }
  },
};
